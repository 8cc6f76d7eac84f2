// Package logretention holds the retention periods CloudWatch Logs accepts, so every component
// that creates a log group checks its retention against the same list.
package logretention

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// days are the values PutRetentionPolicy accepts for retentionInDays (CloudWatch Logs API
// Reference, PutRetentionPolicy: "Valid values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
// 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653"). Kept unexported so no
// caller can append to it.
var days = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// Days returns the accepted retention periods, shortest first.
func Days() []int { return slices.Clone(days) }

// Valid reports whether CloudWatch Logs accepts n days of retention.
func Valid(n int) bool { return slices.Contains(days, n) }

// Check returns nil when n is an accepted retention, and otherwise a field error at field naming, the
// value and every accepted one: "LogRetentionDays is 10: CloudWatch Logs accepts only 1, 3, …".
func Check(field string, n int) error {
	if Valid(n) {
		return nil
	}
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return fielderr.New(field, "is %d: CloudWatch Logs accepts only %s; pick one of them", n, strings.Join(parts, ", "))
}
