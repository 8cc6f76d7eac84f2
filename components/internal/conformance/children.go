package conformance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// checkChildren: every registration but the component is under it and named after it.
func checkChildren(c Component) error {
	m, err := build(c, c.count())
	if err != nil {
		return err
	}
	root, err := component(m, c.Token)
	if err != nil {
		return err
	}
	if p := root.ParentType(); p != "" {
		return fmt.Errorf("the component is parented to a %s, not to its caller (the stack)", p)
	}
	return underComponent(m, root, nil)
}

// underComponent reports each registration of m that is neither root, nor a descendant of it
// named "<root name>-…", nor one of the caller's own (by URN).
func underComponent(m *monitor.Mocks, root monitor.Resource, caller map[string]bool) error {
	byURN := map[string]monitor.Resource{}
	for _, r := range m.Resources() {
		byURN[r.URN] = r
	}
	var errs []error
	for _, r := range m.Resources() {
		switch {
		case r.URN == root.URN || caller[r.URN]:
		case !descends(byURN, r, root.URN):
			errs = append(errs, fmt.Errorf("%s %q is not under the component: its parent is %q", r.Type, r.Name, r.Parent))
		case !strings.HasPrefix(r.Name, root.Name+"-"):
			errs = append(errs, fmt.Errorf("%s %q is not named after the component (%q-…)", r.Type, r.Name, root.Name))
		}
	}
	return errors.Join(errs...)
}

// descends reports whether r's chain of parents reaches ancestor.
func descends(byURN map[string]monitor.Resource, r monitor.Resource, ancestor string) bool {
	for seen := 0; r.Parent != "" && seen <= len(byURN); seen++ {
		if r.Parent == ancestor {
			return true
		}
		parent, ok := byURN[r.Parent]
		if !ok {
			return false
		}
		r = parent
	}
	return false
}
