package e2e

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// NoChanges passes when an update's resource changes (operation → count, from the update
// summary) hold nothing but "same": a second `up` of an unchanged program must be a no-op.
// Anything else is a provider quirk (a field AWS rewrites, a list AWS reorders, a default the
// provider fills in) to fix in the component.
func NoChanges(changes map[string]int) error {
	var changed []string
	for _, op := range slices.Sorted(maps.Keys(changes)) {
		if op != "same" && changes[op] > 0 {
			changed = append(changed, fmt.Sprintf("%s %d", op, changes[op]))
		}
	}
	if len(changed) > 0 {
		return fmt.Errorf("the second up changed resources (%s): fix the component so that AWS's stored values match what it sets", strings.Join(changed, ", "))
	}
	return nil
}
