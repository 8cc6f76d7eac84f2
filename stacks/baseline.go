package stacks

// Baseline returns the starting config of an environment (dev unless env is prod), from the dev
// and prod columns of the section tables (table_*.go); the stack file's keys override it. Dev
// relaxes only what costs money (AZs, NAT, sizes, replicas, retention, protection against
// deletion), never encryption, TLS or network exposure.
func Baseline(env Environment) Config {
	if env != Prod {
		env = Dev
	}
	c := Config{Environment: env}
	for _, s := range sections {
		for _, r := range s.settings {
			r.baseline(&c, env)
		}
	}
	return c
}

// auroraInstanceClass is the baseline instance class when tenk:database.engine is an Aurora
// engine: Aurora offers nothing below .medium and no db.m classes (Aurora user guide, "Supported
// DB engines for DB instance classes"), so dev's db.t4g.micro becomes db.t4g.medium.
func auroraInstanceClass(env Environment) string {
	if env == Prod {
		return Baseline(Prod).Database.InstanceClass
	}
	return "db.t4g.medium"
}
