package fielderr

import (
	"fmt"
	"slices"
	"strings"
)

// Required records "<path> is required: <fix>" when set is false.
func (l *List) Required(path string, set bool, fix string) {
	if !set {
		l.Addf(path, "is required: %s", fix)
	}
}

// Range records "<path> is <v>: use <lo>–<hi>" when v is outside lo–hi; a non-empty who names
// who enforces the limit ("<who> accepts <lo>–<hi>").
func Range[T int | float64](l *List, path string, v, lo, hi T, who string) {
	if v >= lo && v <= hi {
		return
	}
	if who == "" {
		l.Addf(path, "is %v: use %v–%v", v, lo, hi)
		return
	}
	l.Addf(path, "is %v: %s accepts %v–%v", v, who, lo, hi)
}

// OneOf records `<path> is "v": use "a", "b" or "c"` when v is not one of allowed.
func OneOf[T ~string](l *List, path string, v T, allowed ...T) {
	if !slices.Contains(allowed, v) {
		l.Addf(path, "is %q: use %s", v, Choices(allowed...))
	}
}

// Choices lists values for a message: `"a", "b" or "c"`.
func Choices[T ~string](values ...T) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// NoNil records "<path>[i] is nil: pass <what>" for every nil entry of list (a list of Pulumi
// inputs, which are interfaces).
func NoNil[T any](l *List, path string, list []T, what string) {
	for i, v := range list {
		if any(v) == nil {
			l.Addf(Index(path, i), "is nil: pass %s or remove the entry", what)
		}
	}
}

// Tags records what AWS rejects in a tags map at path: more than maxTags tags (services names
// who enforces the limit), keys outside 1–128 characters or starting with "aws:", values over
// 256 characters. Keys are checked in sorted order so the messages are stable.
func (l *List) Tags(path string, tags map[string]string, maxTags int, services string) {
	if len(tags) > maxTags {
		l.Addf(path, "has %d tags: %s accept at most %d per resource; drop some", len(tags), services, maxTags)
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if n := len([]rune(k)); n < 1 || n > 128 || strings.HasPrefix(strings.ToLower(k), "aws:") {
			l.Addf(Key(path, k), "is an invalid key: keys are 1–128 characters and must not start with \"aws:\" (AWS reserves it); rename it")
		}
		if n := len([]rune(tags[k])); n > 256 {
			l.Addf(Key(path, k), "is %d characters: values are at most 256", n)
		}
	}
}
