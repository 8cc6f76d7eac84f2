// Package argutil holds the small helpers the components' withDefaults and Validate share; the
// checks that report field errors are in package fielderr.
package argutil

import (
	"fmt"
	"strings"
)

// Ptr returns a pointer to v, for optional fields whose zero value is meaningful.
func Ptr[T any](v T) *T { return &v }

// Default sets *field to value when the field holds its zero value ("", 0): the one shape of
// every withDefaults, so a default reads as one line beside its field's documented value.
func Default[T comparable](field *T, value T) {
	var zero T
	if *field == zero {
		*field = value
	}
}

// DefaultPtr sets an optional field (a pointer whose nil means unset) to a pointer to value
// when it is nil; an explicit false or 0 stays.
func DefaultPtr[T any](field **T, value T) {
	if *field == nil {
		*field = &value
	}
}

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
