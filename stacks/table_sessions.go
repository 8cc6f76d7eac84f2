package stacks

// SessionsConfig is tenk:sessions; each field is set by one row of sessionsSection below, which
// documents it with its key, baselines and limits.
type SessionsConfig struct {
	PointInTimeRecovery bool
	DeletionProtection  bool
	TTLAttribute        string
}

// sessionsSection is tenk:sessions, the SessionTable component (components/sessions).
var sessionsSection = section{
	name: "sessions", args: "sessions.SessionTableArgs", summary: "session table",
	settings: []setting{
		row("pointInTimeRecovery", "PointInTimeRecovery", false, true, "",
			"Continuous backups of the table.",
			func(c *Config) *bool { return &c.Sessions.PointInTimeRecovery }),
		row("deletionProtection", "DeletionProtection", false, true, "",
			"Block deleting the table.",
			func(c *Config) *bool { return &c.Sessions.DeletionProtection }),
		row("ttlAttribute", "TTLAttribute", "ExpiresAt", "ExpiresAt", "an attribute name; items hold epoch seconds in it",
			"The attribute DynamoDB expires sessions by.",
			func(c *Config) *string { return &c.Sessions.TTLAttribute }),
	},
	aliases: map[string]string{"PartitionKey": "the table's partition key"},
}
