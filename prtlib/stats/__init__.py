"""General statistics that know nothing of the PRT trial: effect sizes, power, multiplicity, bootstrap, missing data, mediation and fMRI analysis."""
