package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/internal/configschema"
)

// sessionsSection is tenk:sessions, the SessionTable component (components/sessions).
var sessionsSection = configschema.Section[Config]{
	Name: "sessions", Args: "Sessions", Summary: "session table",
	Rows: []configschema.Row{
		configschema.Setting("pointInTimeRecovery", "Sessions.PointInTimeRecovery", "",
			"Continuous backups of the table."),
		configschema.Setting("deletionProtection", "Sessions.DeletionProtection", "",
			"Block deleting the table."),
		configschema.Setting("ttlAttribute", "Sessions.TTLAttribute", "an attribute name; items hold epoch seconds in it",
			"The attribute DynamoDB expires sessions by."),
	},
	Aliases:  map[string]string{"Sessions.PartitionKey": "the table's partition key"},
	Baseline: func(c *Config) { c.Sessions = sessionsBaseline(c.Environment) },
	Parts: func(c Config) []configschema.Part {
		return []configschema.Part{part("Sessions", *sessionsArgs(c, placeholderWiring(c)))}
	},
}

// sessionsBaseline is tenk:sessions' baseline: prod keeps point-in-time recovery and deletion
// protection on, dev turns both off. Items expire by their ExpiresAt attribute.
func sessionsBaseline(env Environment) sessions.SessionTableArgs {
	on := env == Prod
	return sessions.SessionTableArgs{PointInTimeRecovery: pulumi.BoolRef(on), DeletionProtection: pulumi.BoolRef(on), TTLAttribute: "ExpiresAt"}
}
