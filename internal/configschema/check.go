package configschema

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Check runs every section's components on cfg (Section.Parts) and reports to l, under config
// keys: each component's own field errors, with every field path (the problem's own and each one
// its message names) translated to the key that sets it, and every written setting whose value the
// component reads as unset and replaces with a default (a 0 it swaps for its own value), which
// would otherwise be silently ignored. A problem reached through two fields is reported once.
func (s Schema[R]) Check(l *fielderr.List, cfg R, written Written) {
	seen := map[string]bool{}
	for _, sec := range s.Sections {
		for _, part := range sec.Parts(cfg) {
			var problems fielderr.List
			problems.Append(part.Err)
			for _, e := range problems {
				key, msg := s.translate(sec, part.Path, e)
				if line := key + " " + msg; !seen[line] {
					seen[line] = true
					l.Addf(key, "%s", msg)
				}
			}
			s.checkWritten(l, sec, part, written)
		}
	}
}

// translate renders one component problem under config keys: the key of its field (or the
// section, for a problem no key sets) and the message with every referenced field named by key.
func (s Schema[R]) translate(sec Section[R], args string, e *fielderr.Error) (string, string) {
	names := s.fieldNames(sec)
	name := func(path string) string {
		base, selector := fielderr.Base(path)
		key, ok := names[args+"."+base]
		switch {
		case !ok:
			return path
		case strings.Contains(key, " "):
			return key
		case strings.HasPrefix(key, s.Namespace+":"+sec.Name+"."):
			return key + selector // a list setting keeps its index ("staticPathPatterns[2]")
		}
		return key // a key of its own: the component's index means nothing to the user
	}
	line := e.Render(name)
	if e.Path != "" {
		if key := name(e.Path); strings.HasPrefix(key, s.Namespace+":") {
			return key, strings.TrimPrefix(line, key+" ")
		}
	}
	return "", s.Namespace + ":" + sec.Name + ": " + line
}

// fieldNames maps root paths to what the config calls them: every setting as
// "<ns>:<section>.<key>", and the section's aliases.
func (s Schema[R]) fieldNames(sec Section[R]) map[string]string {
	out := map[string]string{}
	for _, other := range s.Sections {
		for _, r := range other.Rows {
			out[r.Path] = s.Namespace + ":" + other.Name + "." + r.Key
		}
	}
	for _, k := range s.Top {
		out[k.Path] = s.Namespace + ":" + k.Key
	}
	for path, name := range sec.Aliases {
		if !strings.HasPrefix(name, s.Namespace+":") && !strings.Contains(name, " ") {
			name = s.Namespace + ":" + sec.Name + "." + name
		}
		out[path] = name
	}
	return out
}

// checkWritten reports each written setting under part whose value the component does not keep.
func (s Schema[R]) checkWritten(l *fielderr.List, sec Section[R], part Part, written Written) {
	for _, r := range sec.Rows {
		v, set := written[sec.Name+"."+r.Key]
		rest, under := strings.CutPrefix(r.Path, part.Path+".")
		if !set || !under {
			continue
		}
		effective := valueAt(reflect.ValueOf(part.Effective), rest)
		if same(v, effective) {
			continue
		}
		who := part.Summary
		if who == "" {
			who = sec.Summary
		}
		l.Addf(s.Namespace+":"+sec.Name+"."+r.Key, "is %s, which the %s reads as unset and replaces with its default %s: set a value it keeps (%s), or remove the key to keep the baseline",
			jsonText(r.plainValue(v)), who, jsonText(r.plainValue(effective)), limitsOrValue(r))
	}
}

// limitsOrValue is what a message offers instead of a value the component does not keep.
func limitsOrValue(r Row) string {
	if r.Limits != "" {
		return quoted(r.Limits)
	}
	return "another value"
}

// Value is the value a setting has in cfg as its component builds it (after the component's
// defaults), as a stack file writes it: what the docs show as a baseline and what a test compares.
func (s Schema[R]) Value(cfg R, section, key string) any {
	sec, r, ok := s.setting(section + "." + key)
	if !ok {
		return nil
	}
	for _, part := range sec.Parts(cfg) {
		if rest, under := strings.CutPrefix(r.Path, part.Path+"."); under {
			return r.plainValue(valueAt(reflect.ValueOf(part.Effective), rest))
		}
	}
	return r.plainValue(valueAt(reflect.ValueOf(cfg), r.Path))
}

var codeSpan = regexp.MustCompile("`([^`]*)`")

// quoted is Markdown as an error message says it: links dropped, code spans in quotes, as the
// messages quote values ("PriceClass_100").
func quoted(s string) string {
	return Plain(codeSpan.ReplaceAllString(s, `"$1"`))
}
