package configschema

import (
	"reflect"
	"slices"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Variant is a baseline that holds only for some engines or modes: when a stack picks the mode
// (Holds), the settings it did not write take the mode's baseline values (Apply) instead of
// values chosen for another mode, so switching the one key that picks the mode is enough. A value
// the stack wrote is never replaced: if it does not fit the mode, the component says so.
type Variant[R any] struct {
	// When says, in Markdown, which setting values pick the mode ("`engine` is `memcached`").
	When string
	// Keys are the section's settings that pick the mode ("engine"): errors name them.
	Keys []string
	// Holds says whether cfg (baseline and stack file merged) is in the mode.
	Holds func(cfg *R) bool
	// Apply sets the mode's baseline values on a baseline. It may change only fields rows set,
	// and assigns rather than writing through a pointer it did not allocate.
	Apply func(base *R)
	// Replaced says, in Markdown, which settings change and why; the docs show it.
	Replaced string
	// Because says why the replaced values cannot hold in the mode, for errors.
	Because string
	// Fix is the way out that keeps the mode's setting changed ("set tenk:cache.nodeCount to 2 or
	// more"), offered beside writing the replaced value explicitly.
	Fix string
}

// change is one baseline value a variant replaced.
type change struct {
	row      Row
	from, to reflect.Value
}

// Rebase gives every setting the stack did not write the baseline of the engines and modes cfg
// is in (every Variant that holds, in order). With guard non-empty (the baseline's name, "prod"),
// replacing a value listed in Availability is an error instead: it names the setting, the keys
// that picked the mode, and the two ways out, the variant's Fix or writing the value explicitly.
func (s Schema[R]) Rebase(l *fielderr.List, cfg *R, base R, written Written, guard string) {
	root := reflect.ValueOf(cfg).Elem()
	for _, sec := range s.Sections {
		cur := base
		for _, v := range sec.Variants {
			if !v.Holds(cfg) {
				continue
			}
			next := cur
			v.Apply(&next)
			for _, c := range rowChanges(sec, cur, next, written) {
				setAt(root, c.row.Path, c.to)
				if guard != "" && slices.Contains(s.Availability, sec.Name+"."+c.row.Key) {
					s.availabilityError(l, sec, v, c, cfg, guard)
				}
			}
			cur = next
		}
	}
}

// rowChanges lists the section's settings, not written by the stack, whose value differs
// between two baselines.
func rowChanges[R any](sec Section[R], before, after R, written Written) []change {
	b, a := reflect.ValueOf(&before).Elem(), reflect.ValueOf(&after).Elem()
	var out []change
	for _, r := range sec.Rows {
		if _, set := written[sec.Name+"."+r.Key]; set {
			continue
		}
		from, to := valueAt(b, r.Path), valueAt(a, r.Path)
		if !same(from, to) {
			out = append(out, change{row: r, from: from, to: to})
		}
	}
	return out
}

func (s Schema[R]) availabilityError(l *fielderr.List, sec Section[R], v Variant[R], c change, cfg *R, guard string) {
	root := reflect.ValueOf(cfg).Elem()
	mode := make([]string, len(v.Keys))
	for i, k := range v.Keys {
		r, _ := sec.row(k)
		mode[i] = s.Namespace + ":" + sec.Name + "." + k + " " + jsonText(r.plainValue(valueAt(root, r.Path)))
	}
	key := s.Namespace + ":" + sec.Name + "." + c.row.Key
	l.Addf(key, "is %s in the %s baseline, but that does not hold with %s (%s), and dropping it lowers availability or durability: %s, or write %s: %s to run without it",
		jsonText(c.row.plainValue(c.from)), guard, strings.Join(mode, " and "), v.Because, v.Fix, key, jsonText(c.row.plainValue(c.to)))
}

// VariantChanges lists, for tests and docs, the settings a section's variant replaces in base
// when it applies (whether or not it holds there).
func (s Schema[R]) VariantChanges(section string, variant int, base R) []string {
	sec, _ := s.section(section)
	next := base
	sec.Variants[variant].Apply(&next)
	var out []string
	for _, c := range rowChanges(sec, base, next, nil) {
		out = append(out, c.row.Key)
	}
	return out
}
