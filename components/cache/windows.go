package cache

import "github.com/tenkstack/tenk/components/internal/window"

// windowRules are ElastiCache's limits on its UTC windows: each at least 60 minutes ("Snapshot
// window must be at least 60 minutes": terraform-provider-aws #2153; CreateReplicationGroup
// PreferredMaintenanceWindow "Minimum maintenance window is a 60 minute period"), and the two
// must not overlap ("The snapshot window and maintenance window must not overlap":
// hashicorp/terraform #17247).
var windowRules = window.Rules{Service: "ElastiCache", MinMinutes: 60}
