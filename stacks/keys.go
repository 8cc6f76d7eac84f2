package stacks

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// retiredKeys are keys tenk once documented, with what to do instead; they are rejected with
// that advice rather than as misspellings.
var retiredKeys = map[string]string{
	// The cache component has no AUTH switch: Valkey and Redis OSS always get a generated token
	// over TLS, and Memcached has no AUTH at all, so the key could only ever be "right" or an error.
	"cache.auth": "AUTH is always on for Valkey and Redis OSS (a generated token, kept in Secrets Manager, over TLS) and Memcached has none; remove the setting",
	// Renamed to the lowerCamel form of the component field they set (issue 14).
	"cache.nodes":                 "it is now tenk:cache.nodeCount; rename the setting",
	"web.stickinessSeconds":       "it is now tenk:web.stickinessDurationSeconds; rename the setting",
	"database.monitoringInterval": "it is now tenk:database.monitoringIntervalSeconds; rename the setting",
}

// TopLevelKeys returns every top-level tenk key ("environment", "network", …) in declaration
// order: the tagged fields and the sections of Config.
func TopLevelKeys() []string {
	t := reflect.TypeOf(Config{})
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if k := topLevelName(t.Field(i)); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// SectionSettings returns the settings of one section ("network" → azCount, cidrBlock, …) in
// table order, and false when the section does not exist.
func SectionSettings(name string) ([]string, bool) {
	s, ok := sectionNamed(name)
	if !ok {
		return nil, false
	}
	return s.keys(), true
}

// AllKeys returns every key a user can set, fully qualified: top-level keys and, for each
// section, "tenk:<section>.<setting>" (the --path form of `pulumi config set`).
func AllKeys() []string {
	var out []string
	for _, k := range TopLevelKeys() {
		if settings, ok := SectionSettings(k); ok {
			for _, s := range settings {
				out = append(out, Namespace+":"+k+"."+s)
			}
			continue
		}
		out = append(out, Namespace+":"+k)
	}
	return out
}

func topLevelName(f reflect.StructField) string {
	if k := f.Tag.Get("key"); k != "" {
		return k
	}
	return f.Tag.Get("section")
}

// checkKeys reports every key of the tenk namespace in raw that tenk does not read, with the
// closest valid key, so a misspelling fails loudly instead of leaving the baseline in place.
func checkKeys(p *problems, raw map[string]string) {
	top := TopLevelKeys()
	var unknown []string
	for k := range raw {
		ns, name, ok := strings.Cut(k, ":")
		if !ok || ns != Namespace {
			continue
		}
		if slices.Contains(top, name) {
			continue
		}
		unknown = append(unknown, name)
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		p.add("%s", unknownTopLevel(name, top))
	}
}

func unknownTopLevel(name string, top []string) string {
	key := Namespace + ":" + name
	// `pulumi config set tenk:database.readReplicas 3` without --path makes a key of its own.
	if section, setting, dotted := strings.Cut(name, "."); dotted {
		if settings, ok := SectionSettings(section); ok {
			if slices.Contains(settings, setting) {
				return fmt.Sprintf("%s is a key of its own, which tenk does not read: a section's setting is set inside the object, with `pulumi config rm %s` and then `pulumi config set --path '%s' <value>`", key, key, key)
			}
			return fmt.Sprintf("%s is not a setting: tenk:%s has no %q; did you mean tenk:%s.%s? Settings are set with `pulumi config set --path`", key, section, setting, section, closest(setting, settings))
		}
	}
	return fmt.Sprintf("%s is not a tenk key: did you mean %s:%s? (the keys are %s)", key, Namespace, closest(name, top), strings.Join(top, ", "))
}

// unknownSetting is the message for a setting a section object does not have.
func unknownSetting(section, setting string, settings []string) string {
	if advice, ok := retiredKeys[section+"."+setting]; ok {
		return fmt.Sprintf("tenk:%s.%s is no longer a setting: %s", section, setting, advice)
	}
	return fmt.Sprintf("tenk:%s.%s is not a setting: did you mean %s? (tenk:%s has %s)", section, setting, closest(setting, settings), section, strings.Join(settings, ", "))
}

// closest returns the candidate with the smallest edit distance to word, ignoring case; the
// first one on a tie.
func closest(word string, candidates []string) string {
	best, bestDistance := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if bestDistance < 0 || d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
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
