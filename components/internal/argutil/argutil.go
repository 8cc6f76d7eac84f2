// Package argutil holds the small helpers the components' withDefaults and Validate share.
package argutil

import (
	"fmt"
	"slices"
	"strings"
)

// Ptr returns a pointer to v, for optional fields whose zero value is meaningful.
func Ptr[T any](v T) *T { return &v }

// FirstDuplicate returns the first value that occurs twice in values, or "" when there is none.
func FirstDuplicate(values []string) string {
	seen := map[string]bool{}
	for _, v := range values {
		if seen[v] {
			return v
		}
		seen[v] = true
	}
	return ""
}

// JoinInts lists numbers for an error message: "1, 3, 5".
func JoinInts(values []int) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ", ")
}

// TagProblems lists what AWS rejects in a tags map: more than maxTags tags (services names who
// enforces the limit), keys outside 1–128 characters or starting with "aws:", values over 256
// characters. Keys are checked in sorted order so the messages are stable.
func TagProblems(tags map[string]string, maxTags int, services string) []string {
	var out []string
	if len(tags) > maxTags {
		out = append(out, fmt.Sprintf("the Tags map has %d tags: %s accept at most %d per resource", len(tags), services, maxTags))
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k == "" || len(k) > 128 || strings.HasPrefix(strings.ToLower(k), "aws:") {
			out = append(out, fmt.Sprintf("the Tags key %q is invalid: keys must be 1–128 characters and must not start with \"aws:\"", k))
		}
		if v := tags[k]; len(v) > 256 {
			out = append(out, fmt.Sprintf("the Tags value of %q is %d characters: values are at most 256", k, len(v)))
		}
	}
	return out
}
