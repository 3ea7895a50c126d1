//! Department rankings (月考评通报): every month the district ranks its departments on how they answer residents,
//! names the bottom three inside government the first time and publishes a department that lands there again.
//! So far its plain ground: the method (`method`: the components, their weights in weights.tsv, the minimum
//! number of cases) and the standings' rules (`standings`: rates from a month's callbacks, the composite, ranks
//! with ties, the bottom three).

pub mod method;
pub mod standings;
