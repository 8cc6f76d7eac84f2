package configschema

import (
	"fmt"
	"reflect"
	"slices"
)

// Schema is a stack's whole configuration: the top-level keys, then one section per component
// (or group of components), over the root config type R.
type Schema[R any] struct {
	// Namespace is the config namespace of every key ("tenk").
	Namespace string
	// Top are the top-level keys, in the order the docs list them.
	Top []TopKey
	// Sections are the object keys, in the order the docs list them.
	Sections []Section[R]
	// Retired are settings ("cache.auth") tenk once read, with what to do instead; they are
	// rejected with that advice rather than as misspellings.
	Retired map[string]string
	// Availability are the settings ("database.multiAz") whose baseline value keeps a stack
	// available or durable: a Variant may not drop one silently where Rebase guards (see Rebase).
	Availability []string
}

// Resolve checks every row and key against R and records their types; it panics on a wrong
// table (a path that names no field, a field no config value decodes into, a key declared twice,
// an Availability entry that is no setting), which every test of the program then reports.
func (s Schema[R]) Resolve() Schema[R] {
	root := reflect.TypeFor[R]()
	seen := map[string]bool{}
	for i, k := range s.Top {
		t, _, err := fieldType(root, k.Path)
		if err != nil {
			panic(fmt.Sprintf("%s:%s: %v", s.Namespace, k.Key, err))
		}
		s.Top[i].field = t
		seen[k.Key] = true
	}
	for i := range s.Sections {
		sec := &s.Sections[i]
		if seen[sec.Name] {
			panic(fmt.Sprintf("%s:%s is declared twice", s.Namespace, sec.Name))
		}
		seen[sec.Name] = true
		keys := map[string]bool{}
		for j := range sec.Rows {
			r := &sec.Rows[j]
			if err := r.resolve(root); err != nil {
				panic(fmt.Sprintf("%s:%s: %v", s.Namespace, sec.Name, err))
			}
			if keys[r.Key] {
				panic(fmt.Sprintf("%s:%s.%s is declared twice", s.Namespace, sec.Name, r.Key))
			}
			keys[r.Key] = true
		}
	}
	for _, k := range s.Availability {
		if _, _, ok := s.setting(k); !ok {
			panic(fmt.Sprintf("availability lists %s, which is no setting", k))
		}
	}
	return s
}

// Baseline sets every section's baseline on cfg (see Section.Baseline).
func (s Schema[R]) Baseline(cfg *R) {
	for _, sec := range s.Sections {
		sec.Baseline(cfg)
	}
}

// section returns the section called name.
func (s Schema[R]) section(name string) (Section[R], bool) {
	for _, sec := range s.Sections {
		if sec.Name == name {
			return sec, true
		}
	}
	return Section[R]{}, false
}

// setting returns the section and row of "section.setting".
func (s Schema[R]) setting(key string) (Section[R], Row, bool) {
	for _, sec := range s.Sections {
		for _, r := range sec.Rows {
			if sec.Name+"."+r.Key == key {
				return sec, r, true
			}
		}
	}
	return Section[R]{}, Row{}, false
}

// TopLevelKeys lists every top-level key ("environment", …, "network", …): the plain keys,
// then the sections.
func (s Schema[R]) TopLevelKeys() []string {
	var out []string
	for _, k := range s.Top {
		out = append(out, k.Key)
	}
	for _, sec := range s.Sections {
		out = append(out, sec.Name)
	}
	return out
}

// SectionKeys lists the settings of one section in order, and false when there is no such section.
func (s Schema[R]) SectionKeys(name string) ([]string, bool) {
	sec, ok := s.section(name)
	if !ok {
		return nil, false
	}
	return sec.Keys(), true
}

// AllKeys lists every key a user can set, fully qualified: "<ns>:<key>" for the plain keys and
// "<ns>:<section>.<setting>" (the --path form of `pulumi config set`) for every setting.
func (s Schema[R]) AllKeys() []string {
	var out []string
	for _, k := range s.Top {
		out = append(out, s.Namespace+":"+k.Key)
	}
	for _, sec := range s.Sections {
		for _, r := range sec.Rows {
			out = append(out, s.Namespace+":"+sec.Name+"."+r.Key)
		}
	}
	return out
}

// SettingInfo describes one section setting for tools and tests.
type SettingInfo struct {
	// Section is the section's key ("database").
	Section string
	// Key is the setting inside the section ("readReplicas").
	Key string
	// Path is the root field it sets ("Database.ReadReplicas").
	Path string
	// Type is the Go type a stack file's value decodes into (int, float64, bool, string, []string).
	Type reflect.Type
	// Words are the values a setting with choices accepts, in order; nil otherwise.
	Words []string
}

// Settings lists every section setting in table order.
func (s Schema[R]) Settings() []SettingInfo {
	var out []SettingInfo
	for _, sec := range s.Sections {
		for _, r := range sec.Rows {
			info := SettingInfo{Section: sec.Name, Key: r.Key, Path: r.Path, Type: r.json}
			for _, w := range r.words {
				info.Words = append(info.Words, w.Word)
			}
			out = append(out, info)
		}
	}
	return out
}

// isTopKey reports whether name is a plain top-level key or a section.
func (s Schema[R]) isTopKey(name string) bool { return slices.Contains(s.TopLevelKeys(), name) }
