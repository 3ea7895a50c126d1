// The islands' loader. Once the page has loaded (its largest paint done), it fetches the bundle and makes each
// <leptos-island> live, outermost first. No preload: the bundle never competes with what the page shows first.
// An island's server-rendered children (<leptos-children>) hand their hydration hook to the islands inside them.
// When every island is live, <html data-hydrated> says so (the browser tests wait for it).
const start = async () => {
  const bundle = await import(JS);
  await bundle.default({ module_or_path: WASM });
  bundle.hydrate();
  const hooks = [];
  const visit = async (element) => {
    const tag = element.tagName;
    if (tag === "LEPTOS-ISLAND") {
      const hook = hooks[hooks.length - 1];
      if (hook) hook();
      const island = bundle[element.dataset.component];
      if (island) await island(element);
      else console.warn(`no island ${element.dataset.component} in the bundle`);
    }
    if (tag === "LEPTOS-CHILDREN") hooks.push(element.$$on_hydrate);
    for (const child of element.children) await visit(child);
    if (tag === "LEPTOS-CHILDREN") hooks.pop();
  };
  await visit(document.body);
  document.documentElement.setAttribute("data-hydrated", "");
};
if (document.readyState === "complete") start();
else addEventListener("load", start, { once: true });
