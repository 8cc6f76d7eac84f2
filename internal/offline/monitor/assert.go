package monitor

import "strings"

// TB is the part of testing.TB that One and Children report through, so that this package, which
// the plan CLI links, need not import testing.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// One returns the only registration of a type token; it fails t unless there is exactly one.
func (m *Mocks) One(t TB, typ string) Resource {
	t.Helper()
	list := m.ByType(typ)
	if len(list) != 1 {
		t.Fatalf("%d registrations of %s, want 1", len(list), typ)
		return Resource{}
	}
	return list[0]
}

// Children checks the component rules for a run that built one component of type token: every
// other registration is a direct child of it, named "<component name>-<suffix>". It returns the
// children for further assertions.
func (m *Mocks) Children(t TB, token string) []Resource {
	t.Helper()
	component := m.One(t, token)
	var children []Resource
	for _, r := range m.Resources() {
		if r.URN == component.URN {
			continue
		}
		if r.Parent != component.URN {
			t.Fatalf("%s %s is not a child of the component: its parent is %q", r.Type, r.Name, r.Parent)
		}
		if !strings.HasPrefix(r.Name, component.Name+"-") {
			t.Fatalf("%s %s is not named after the component %q", r.Type, r.Name, component.Name)
		}
		children = append(children, r)
	}
	return children
}
