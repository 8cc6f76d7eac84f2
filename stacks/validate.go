package stacks

import (
	"errors"
	"sort"
	"strconv"
	"strings"
)

// Validate checks a merged config and returns every problem, one per line, each naming the key,
// the limit and the fix. Config-level rules (the environment, pairs of keys, names that map to
// component enums) are checked here; every AWS limit is checked once, by the components' own
// Validate on the args this config produces, with their field names translated to config keys.
func Validate(c Config) error {
	var p problems
	validateTop(&p, c)
	validateChoices(&p, c)
	checkModes(&p, c)
	validateComponents(&p, c)
	if len(p) == 0 {
		return nil
	}
	return errors.New(strings.Join(p, "\n"))
}

func validateTop(p *problems, c Config) {
	if c.Domain != "" && c.HostedZoneID == "" {
		p.add("tenk:domain is %q but tenk:hostedZoneId is empty: set the Route 53 hosted zone ID that serves the domain, or unset tenk:domain", c.Domain)
	}
	if c.Domain == "" && c.HostedZoneID != "" {
		p.add("tenk:hostedZoneId is set without tenk:domain: set tenk:domain too, or unset tenk:hostedZoneId")
	}
	if c.Cdn.Waf && c.Cdn.WebAclArn != "" {
		p.add("tenk:cdn.waf is true and tenk:cdn.webAclArn is set: a distribution has one web ACL; set waf to false to use your own ACL, or unset webAclArn to use tenk's")
	}
	for _, e := range c.AlarmEmails {
		if !strings.Contains(e, "@") || strings.ContainsAny(e, " ,;") {
			p.add("tenk:alarmEmails has %q: each entry must be one e-mail address", e)
		}
	}
}

// validateChoices checks the settings whose config words map onto component values (oneOf).
func validateChoices(p *problems, c Config) {
	for _, s := range sections {
		for _, r := range s.settings {
			if len(r.words) == 0 {
				continue
			}
			v, _ := r.value(c).(string)
			quoted := make([]string, len(r.words))
			known := false
			for i, w := range r.words {
				quoted[i] = strconv.Quote(w.word)
				known = known || w.word == v
			}
			if !known {
				p.add("tenk:%s.%s is %q: use %s or %s", s.name, r.key, v, strings.Join(quoted[:len(quoted)-1], ", "), quoted[len(quoted)-1])
			}
		}
	}
}

// validateComponents runs each component's Validate on the args this config produces, with
// placeholder wiring, and reports each of its field errors under the config key its field path
// maps to in the section's table. The same problem reached through two fields (instanceClass sets
// the primary's and the replicas' class) is reported once.
func validateComponents(p *problems, c Config) {
	w := placeholderWiring(c)
	checks := []struct {
		section, args string
		err           error
	}{
		{"network", "network.NetworkArgs", networkArgs(c, w).Validate()},
		{"web", "webtier.MultiAZWebTierArgs", webArgs(c, w).Validate()},
		{"database", "database.RdsWithReplicasArgs", databaseArgs(c, w).Validate()},
		{"cache", "cache.CacheClusterArgs", cacheArgs(c, w).Validate()},
		{"sessions", "sessions.SessionTableArgs", sessionsArgs(c, w).Validate()},
		{"cdn", "cdn.StaticAssetsCdnArgs", cdnArgs(c, w).Validate()},
	}
	if c.Cdn.Waf {
		checks = append(checks, struct {
			section, args string
			err           error
		}{"cdn", "waf.WebAclArgs", wafArgs(c, w, "stack").Validate(webACLComponent)})
	}
	seen := map[string]bool{}
	for _, check := range checks {
		s, _ := sectionNamed(check.section)
		var lines []string
		for _, e := range fieldErrors(check.err) {
			lines = append(lines, translate(check.section, s.fieldNames(check.args), e))
		}
		sort.Strings(lines)
		for _, line := range lines {
			if !seen[line] {
				seen[line] = true
				p.add("%s", line)
			}
		}
	}
}

// fieldError is one problem of a component's Validate (internal/fielderr.Error, which
// the stacks cannot import): the field's path and the message with every field named through a
// lookup.
type fieldError interface {
	error
	Field() string
	Render(name func(path string) string) string
}

// fieldErrors flattens a Validate error into its problems; an error that is no field error
// becomes a problem without a path.
func fieldErrors(err error) []error {
	switch e := err.(type) {
	case nil:
		return nil
	case fieldError:
		return []error{e}
	case interface{ Unwrap() []error }:
		var out []error
		for _, inner := range e.Unwrap() {
			out = append(out, fieldErrors(inner)...)
		}
		return out
	}
	return []error{err}
}

// translate renders one component problem for the stack: every field path, the problem's own and
// each one its message names, is looked up in fields (component field → config key or phrase);
// a list index stays on a section setting ("tenk:cdn.staticPathPatterns[2]") and is dropped on a
// key of its own. A problem that names no key is put under the section.
func translate(section string, fields map[string]string, err error) string {
	name := func(path string) string {
		base, selector := path, ""
		if i := strings.IndexByte(path, '['); i >= 0 {
			base, selector = path[:i], path[i:]
		}
		key, ok := fields[base]
		switch {
		case !ok:
			return path
		case strings.Contains(key, " "):
			return key
		case strings.HasPrefix(key, Namespace+":"+section+"."):
			return key + selector
		}
		return key // a key of its own, not a list: the index means nothing to the user
	}
	line := err.Error()
	if fe, ok := err.(fieldError); ok {
		line = fe.Render(name)
	}
	if !strings.HasPrefix(line, Namespace+":") {
		line = Namespace + ":" + section + ": " + line
	}
	return line
}
