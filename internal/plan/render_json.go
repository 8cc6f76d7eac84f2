package plan

import (
	"encoding/json"
	"io"
)

// RenderJSON writes the plan as indented JSON, with the diff under "diff" when d is not nil.
// The output is what --diff reads back.
func RenderJSON(w io.Writer, p *Plan, d *Diff) error {
	out := struct {
		*Plan
		Diff *Diff `json:"diff,omitempty"`
	}{p, d}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
