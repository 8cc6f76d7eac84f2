package plan

import "github.com/tenkstack/tenk/internal/mockmonitor"

// Markers that stand in for values a plan must not or cannot show.
const (
	SecretValue  = "[secret]"
	UnknownValue = "[unknown]"
)

// inputsOf converts a registration's raw inputs to plain values for the plan: unlike
// mockmonitor.Plain, secrets are redacted (plans are posted on pull requests) and unknowns are kept as
// a marker so a diff shows them.
func inputsOf(r mockmonitor.Resource) map[string]any {
	if r.Raw == nil {
		return r.Inputs
	}
	return mockmonitor.PlainWith(r.Raw, mockmonitor.Markers{Secret: SecretValue, Unknown: UnknownValue})
}
