// Package argutil holds the small helpers the components' withDefaults and Validate share; the
// checks that report field errors are in package fielderr.
package argutil

import (
	"fmt"
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
