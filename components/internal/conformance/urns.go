package conformance

import (
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// checkStableURNs: two builds with the same inputs register the same URNs.
func checkStableURNs(c Component) error {
	first, err := build(c, c.count())
	if err != nil {
		return err
	}
	second, err := build(c, c.count())
	if err != nil {
		return err
	}
	a, b := first.URNs(), second.URNs()
	if !slices.Equal(a, b) {
		return fmt.Errorf("the same inputs registered other URNs: only in the first build %v, only in the second %v", missing(a, b), missing(b, a))
	}
	return nil
}

// checkCountRenamesNothing: raising the count keeps every URN the smaller count registered, and
// changes something (more resources, or other inputs, as awsx's Vpc gets more AZs).
func checkCountRenamesNothing(c Component) error {
	if c.Counts == [2]int{} {
		return nil
	}
	small, err := build(c, c.Counts[0])
	if err != nil {
		return err
	}
	large, err := build(c, c.Counts[1])
	if err != nil {
		return err
	}
	before, after := small.URNs(), large.URNs()
	if gone := missing(before, after); len(gone) > 0 {
		return fmt.Errorf("raising the count from %d to %d renames or removes %v", c.Counts[0], c.Counts[1], gone)
	}
	if reflect.DeepEqual(inputs(small), inputs(large)) {
		return errors.New("raising the count changed no registration: Counts does not reach the component")
	}
	return nil
}

// inputs keys the inputs of every registration by URN.
func inputs(m *monitor.Mocks) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range m.Resources() {
		out[r.URN] = r.Inputs
	}
	return out
}

// missing returns the entries of want that got lacks.
func missing(want, got []string) []string {
	var out []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			out = append(out, w)
		}
	}
	return out
}
