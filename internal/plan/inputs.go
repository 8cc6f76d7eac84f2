package plan

import "github.com/tenkstack/tenk/internal/offline/monitor"

// Markers that stand in for values a plan must not or cannot show.
const (
	SecretValue  = "[secret]"
	UnknownValue = "[unknown]"
)

// inputsOf converts a registration's raw inputs to plain values for the plan: unlike
// monitor.Plain, secrets are redacted (plans are posted on pull requests) and unknowns are kept as
// a marker so a diff shows them.
func inputsOf(r monitor.Resource) map[string]any {
	if r.Raw == nil {
		return r.Inputs
	}
	return monitor.PlainWith(r.Raw, monitor.Markers{Secret: SecretValue, Unknown: UnknownValue})
}
