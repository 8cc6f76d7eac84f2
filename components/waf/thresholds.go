package waf

// AlarmThresholds tune the web ACL's alarm.
type AlarmThresholds struct {
	// BlockedRequests raises the alarm when more requests than this are blocked in 5 minutes: an
	// attack, or a managed-rule update blocking real users. Must be ≥ 0 (0 alarms on any block).
	// Default: 1000.
	BlockedRequests *int
}
