package database

import "github.com/tenkstack/tenk/components/internal/window"

// windowRules are RDS's limits on its UTC windows (CreateDBInstance PreferredBackupWindow,
// PreferredMaintenanceWindow): each at least 30 minutes, the weekly one at most 24 hours, and
// the two must not overlap ("Must not conflict with the preferred maintenance window").
var windowRules = window.Rules{Service: "RDS", MinMinutes: 30, MaxWeeklyMinutes: 24 * 60}

// checkWindows validates both windows and that they do not overlap.
func checkWindows(backup, maintenance string) []error {
	return windowRules.Check("BackupWindow", backup, "MaintenanceWindow", maintenance)
}
