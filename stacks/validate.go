package stacks

import (
	"strings"

	"github.com/tenkstack/tenk/internal/configschema"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// validate checks a merged config: the rules between top-level keys here, then every component's
// own Validate on the Args this config produces (each AWS limit is checked once, by its
// component), with their field errors under config keys, and every written setting the component
// would read as unset (configschema.Check).
func validate(l *fielderr.List, c Config, written configschema.Written) {
	validateTop(l, c)
	checkDependents(l, c, written)
	schema.Check(l, c, written)
}

func validateTop(l *fielderr.List, c Config) {
	if c.Domain != "" && c.HostedZoneID == "" {
		l.Addf("tenk:domain", "is %q but tenk:hostedZoneId is empty: set the Route 53 hosted zone ID that serves the domain, or unset tenk:domain", c.Domain)
	}
	if c.Domain == "" && c.HostedZoneID != "" {
		l.Addf("tenk:hostedZoneId", "is set without tenk:domain: set tenk:domain too, or unset tenk:hostedZoneId")
	}
	if c.WAF.Enabled && c.CDN.WebACLArn != nil {
		l.Addf("tenk:cdn.waf", "is true and tenk:cdn.webAclArn is set: a distribution has one web ACL; set waf to false to use your own ACL, or unset webAclArn to use tenk's")
	}
	for _, e := range c.AlarmEmails {
		if !strings.Contains(e, "@") || strings.ContainsAny(e, " ,;") {
			l.Addf("tenk:alarmEmails", "has %q: each entry must be one e-mail address", e)
		}
	}
}

// componentArgs are a component's Args as the stacks check them.
type componentArgs[A any] interface {
	WithDefaults() A
	Validate() error
}

// part is one component's Args for configschema.Check: after its defaults, and its own Validate.
func part[A componentArgs[A]](path string, a A) configschema.Part {
	return configschema.Part{Path: path, Effective: a.WithDefaults(), Err: a.Validate()}
}
