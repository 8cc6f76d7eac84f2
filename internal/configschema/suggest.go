package configschema

import (
	"sort"
	"strings"
	"unicode"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// checkKeys reports every key of the namespace in raw that the schema does not read, with the
// closest valid key, so a misspelling fails loudly instead of leaving the baseline in place.
func (s Schema[R]) checkKeys(l *fielderr.List, raw map[string]string) {
	var unknown []string
	for k := range raw {
		ns, name, ok := strings.Cut(k, ":")
		if ok && ns == s.Namespace && !s.isTopKey(name) {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		s.unknownTop(l, name)
	}
}

func (s Schema[R]) unknownTop(l *fielderr.List, name string) {
	key := s.Namespace + ":" + name
	// `pulumi config set tenk:database.readReplicas 3` without --path makes a key of its own.
	if section, setting, dotted := strings.Cut(name, "."); dotted {
		if sec, ok := s.section(section); ok {
			if _, known := sec.row(setting); known {
				l.Addf(key, "is a key of its own, which %s does not read: a section's setting is set inside the object, with `pulumi config rm %s` and then `pulumi config set --path '%s' <value>`", s.Namespace, key, key)
				return
			}
			if advice, retired := s.Retired[name]; retired {
				l.Addf(key, "is no longer a setting: %s", advice)
				return
			}
			l.Addf(key, "is not a setting: %s:%s has no %q; did you mean %s:%s.%s? Settings are set with `pulumi config set --path`", s.Namespace, section, setting, s.Namespace, section, Closest(setting, sec.Keys()))
			return
		}
	}
	top := s.TopLevelKeys()
	l.Addf(key, "is not a %s key: did you mean %s:%s? (the keys are %s)", s.Namespace, s.Namespace, Closest(name, top), strings.Join(top, ", "))
}

// unknownSetting reports a setting a section object does not have.
func (s Schema[R]) unknownSetting(l *fielderr.List, sec Section[R], setting string) {
	key := s.Namespace + ":" + sec.Name + "." + setting
	if advice, ok := s.Retired[sec.Name+"."+setting]; ok {
		l.Addf(key, "is no longer a setting: %s", advice)
		return
	}
	l.Addf(key, "is not a setting: did you mean %s? (%s:%s has %s)", Closest(setting, sec.Keys()), s.Namespace, sec.Name, strings.Join(sec.Keys(), ", "))
}

// Closest returns the candidate with the smallest edit distance to word, ignoring case, to the
// candidate itself or to its initials ("azs" is close to availabilityZoneCount's "azc"); the
// first one on a tie.
func Closest(word string, candidates []string) string {
	best, bestDistance := "", -1
	for _, c := range candidates {
		d := min(editDistance(strings.ToLower(word), strings.ToLower(c)), editDistance(strings.ToLower(word), initials(c)))
		if bestDistance < 0 || d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
}

// initials are a lowerCamel name's word initials, lower-case: "availabilityZoneCount" → "azc".
func initials(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i == 0 || unicode.IsUpper(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// editDistance is the Levenshtein distance: the fewest single-character insertions, deletions
// and substitutions that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
