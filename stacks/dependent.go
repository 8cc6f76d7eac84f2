package stacks

import (
	"github.com/tenkstack/tenk/internal/configschema"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// dependent is a setting that takes effect only when another holds: written while that one does
// not, it would be accepted and do nothing, so it is reported instead (what the user wrote is what
// they get).
type dependent struct {
	// key is the dependent setting, "section.setting"; needs names what it needs, as a stack file
	// writes it.
	key, needs string
	// holds says whether the config gives the setting an effect.
	holds func(Config) bool
}

// dependents are the settings that do nothing unless another is on.
var dependents = []dependent{
	{"cdn.wafRateLimit", "tenk:cdn.waf: true", func(c Config) bool { return c.WAF.Enabled }},
	{"web.stickinessDurationSeconds", "tenk:web.stickySessions: true", func(c Config) bool { return c.Web.StickySessions }},
}

// checkDependents reports each written dependent setting whose condition does not hold.
func checkDependents(l *fielderr.List, c Config, written configschema.Written) {
	for _, d := range dependents {
		if _, set := written[d.key]; set && !d.holds(c) {
			l.Addf(Namespace+":"+d.key, "is set but does nothing without %s: set that too, or remove %s", d.needs, Namespace+":"+d.key)
		}
	}
}
