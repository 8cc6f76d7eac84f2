package configschema

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// A toy component and stack, so the engine is tested apart from tenk's tables.

type mode string

type toyArgs struct {
	Count   int
	Replica *bool
	Name    string
	Mode    mode
	Paths   []string
	Inner   *inner
	Wiring  string
}

type inner struct{ Limit int }

// withDefaults is the toy component's: Count 0 means 2, Name "" means "toy", Inner.Limit 0 means 9.
func (a toyArgs) withDefaults() toyArgs {
	if a.Count == 0 {
		a.Count = 2
	}
	if a.Name == "" {
		a.Name = "toy"
	}
	if a.Inner == nil {
		a.Inner = &inner{}
	}
	in := *a.Inner
	if in.Limit == 0 {
		in.Limit = 9
	}
	a.Inner = &in
	return a
}

func (a toyArgs) validate() error {
	a = a.withDefaults()
	var l fielderr.List
	if a.Count > 5 {
		l.Addf("Count", "is %d: at most 5 with %s %q", a.Count, fielderr.Ref("Name"), a.Name)
	}
	if a.Replica != nil && *a.Replica && a.Count < 2 {
		l.Addf("Replica", "needs %s ≥ 2", fielderr.Ref("Count"))
	}
	if a.Wiring == "bad" {
		l.Addf("Wiring", "is bad")
	}
	return l.Err()
}

type root struct {
	Env   string
	Flag  bool
	Items []string
	Toy   toyArgs
}

func toySchema() Schema[root] {
	return Schema[root]{
		Namespace: "t",
		Top:       []TopKey{Top("env", "Env", "The env.").Required(), Top("flag", "Flag", "A flag."), Top("items", "Items", "Items.")},
		Sections: []Section[root]{{
			Name: "toy", Args: "Toy", Summary: "toy",
			Rows: []Row{
				Setting("count", "Toy.Count", "1–5", "How many."),
				Setting("replica", "Toy.Replica", "", "A replica."),
				Setting("name", "Toy.Name", "`a-z`", "The name."),
				Setting("mode", "Toy.Mode", "`fast` or `slow`", "The mode.").OneOf(Word{"fast", mode("F")}, Word{"slow", mode("S")}),
				Setting("paths", "Toy.Paths", "", "Paths."),
				Setting("limit", "Toy.Inner.Limit", "", "The limit."),
			},
			Aliases: map[string]string{"Toy.Wiring": "the wiring"},
			Baseline: func(c *root) {
				c.Toy = toyArgs{Count: 3, Replica: ptr(true), Name: "base", Mode: "F", Inner: &inner{Limit: 4}}
				if c.Env == "big" {
					c.Toy.Count = 5
				}
			},
			Variants: []Variant[root]{{
				When: "`mode` is `slow`", Keys: []string{"mode"},
				Holds:    func(c *root) bool { return c.Toy.Mode == "S" },
				Apply:    func(b *root) { b.Toy.Replica, b.Toy.Count = ptr(false), 1 },
				Replaced: "`replica` false, `count` 1",
				Because:  "slow toys have no replica", Fix: "set t:toy.mode to \"fast\"",
			}},
			Parts: func(c root) []Part {
				return []Part{{Path: "Toy", Effective: c.Toy.withDefaults(), Err: c.Toy.validate()}}
			},
		}},
		Retired:      map[string]string{"toy.size": "it is now t:toy.count; rename the setting"},
		Availability: []string{"toy.replica"},
	}.Resolve()
}

func ptr[T any](v T) *T { return &v }

func base(env string) root {
	c := root{Env: env}
	toySchema().Baseline(&c)
	return c
}

// parse is what a program does: decode onto the baseline, rebase, check.
func parse(raw map[string]string, guard string) (root, []string) {
	s := toySchema()
	var l fielderr.List
	b := base(raw["t:env"])
	cfg, written := s.Decode(&l, raw, b)
	s.Rebase(&l, &cfg, b, written, guard)
	s.Check(&l, cfg, written)
	var out []string
	if err := l.Err(); err != nil {
		out = strings.Split(err.Error(), "\n")
	}
	return cfg, out
}

func TestResolveRejectsAWrongTable(t *testing.T) {
	for _, bad := range []Row{Setting("x", "Toy.Missing", "", ""), Setting("x", "Toy.Count.Deeper", "", ""), Setting("x", "Toy.Inner", "", "")} {
		assert.Panics(t, func() {
			Schema[root]{Sections: []Section[root]{{Name: "toy", Rows: []Row{bad}}}}.Resolve()
		}, bad.Path)
	}
	assert.Panics(t, func() { Schema[root]{Availability: []string{"toy.nothing"}}.Resolve() })
}

func TestDecodeSetsWhatTheStackWrites(t *testing.T) {
	cfg, problems := parse(map[string]string{"t:env": "small", "t:flag": "true", "t:items": `["a"]`, "other:key": "ignored",
		"t:toy": `{"count": 4, "replica": false, "mode": "fast", "paths": ["/x"], "limit": 7}`}, "")
	require.Empty(t, problems)
	assert.True(t, cfg.Flag)
	assert.Equal(t, []string{"a"}, cfg.Items)
	assert.Equal(t, 4, cfg.Toy.Count)
	assert.Equal(t, ptr(false), cfg.Toy.Replica)
	assert.Equal(t, mode("F"), cfg.Toy.Mode)
	assert.Equal(t, []string{"/x"}, cfg.Toy.Paths)
	assert.Equal(t, 7, cfg.Toy.Inner.Limit)
	assert.Equal(t, "base", cfg.Toy.Name, "an unwritten setting keeps the baseline")
}

func TestDecodeNeverChangesTheBaselineThroughAPointer(t *testing.T) {
	s := toySchema()
	b := base("small")
	var l fielderr.List
	cfg, _ := s.Decode(&l, map[string]string{"t:toy": `{"limit": 7}`}, b)
	assert.Equal(t, 7, cfg.Toy.Inner.Limit)
	assert.Equal(t, 4, b.Toy.Inner.Limit, "the baseline's Inner is copied, not written through")
}

func TestDecodeReportsEveryProblemByKey(t *testing.T) {
	_, problems := parse(map[string]string{"t:env": "small", "t:flag": "yes", "t:items": `"a"`, "t:toyy": "{}", "t:toy.count": "3", "t:toy.size": "3",
		"t:toy": `{"count": "three", "replica": null, "mode": "medium", "cuont": 1, "size": 2, "nm": "x"}`}, "")
	want := []string{
		`t:flag is "yes": it must be true or false`,
		`t:items is "a": it must be a list of strings, such as ["…"]`,
		`t:toy.count is "three": it must be a whole number`,
		`t:toy.count is a key of its own, which t does not read`,
		`t:toy.cuont is not a setting: did you mean count? (t:toy has count, replica, name, mode, paths, limit)`,
		`t:toy.mode is "medium": use "fast" or "slow"`,
		`t:toy.nm is not a setting: did you mean name?`,
		`t:toy.replica is null: it must be true or false; remove the key to keep the baseline`,
		`t:toy.size is no longer a setting: it is now t:toy.count; rename the setting`,
		`t:toyy is not a t key: did you mean t:toy? (the keys are env, flag, items, toy)`,
	}
	for _, w := range want {
		assert.True(t, containsPrefix(problems, w), "missing %q in\n%s", w, strings.Join(problems, "\n"))
	}
	assert.Len(t, problems, len(want)+1, strings.Join(problems, "\n")) // and t:toy.size set without --path
}

func containsPrefix(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func TestCheckRejectsAWrittenValueTheComponentReplaces(t *testing.T) {
	_, problems := parse(map[string]string{"t:env": "small", "t:toy": `{"count": 0, "name": "", "limit": 0, "paths": []}`}, "")
	assert.ElementsMatch(t, []string{
		`t:toy.count is 0, which the toy reads as unset and replaces with its default 2: set a value it keeps (1–5), or remove the key to keep the baseline`,
		`t:toy.limit is 0, which the toy reads as unset and replaces with its default 9: set a value it keeps (another value), or remove the key to keep the baseline`,
		`t:toy.name is "", which the toy reads as unset and replaces with its default "toy": set a value it keeps ("a-z"), or remove the key to keep the baseline`,
	}, problems, "an empty list the component keeps is no problem")
}

func TestCheckNamesFieldsByKey(t *testing.T) {
	_, problems := parse(map[string]string{"t:env": "small", "t:toy": `{"count": 6, "name": "n"}`}, "")
	assert.Equal(t, []string{`t:toy.count is 6: at most 5 with t:toy.name "n"`}, problems)
	s := toySchema()
	var l fielderr.List
	s.Check(&l, root{Toy: toyArgs{Wiring: "bad"}}, nil)
	assert.Equal(t, "t:toy: the wiring is bad", l[0].Error(), "an alias that is a phrase, under the section")
}

func TestRebaseReplacesOnlyUnwrittenValuesAndGuardsAvailability(t *testing.T) {
	cfg, problems := parse(map[string]string{"t:env": "small", "t:toy": `{"mode": "slow"}`}, "")
	assert.Empty(t, problems)
	assert.Equal(t, ptr(false), cfg.Toy.Replica, "the mode's baseline")
	assert.Equal(t, 1, cfg.Toy.Count)

	cfg, problems = parse(map[string]string{"t:env": "small", "t:toy": `{"mode": "slow", "count": 3, "replica": false}`}, "")
	assert.Empty(t, problems)
	assert.Equal(t, 3, cfg.Toy.Count, "a written value is never replaced")

	_, problems = parse(map[string]string{"t:env": "small", "t:toy": `{"mode": "slow"}`}, "big")
	assert.Equal(t, []string{`t:toy.replica is true in the big baseline, but that does not hold with t:toy.mode "slow" (slow toys have no replica), and dropping it lowers availability or durability: set t:toy.mode to "fast", or write t:toy.replica: false to run without it`}, problems)
	_, problems = parse(map[string]string{"t:env": "small", "t:toy": `{"mode": "slow", "replica": false}`}, "big")
	assert.Empty(t, problems, "written explicitly")

	assert.Equal(t, []string{"count", "replica"}, toySchema().VariantChanges("toy", 0, base("small")))
}

func TestValueIsWhatTheComponentBuilds(t *testing.T) {
	s := toySchema()
	c := base("small")
	c.Toy.Name = ""
	assert.Equal(t, "toy", s.Value(c, "toy", "name"), "after the component's defaults")
	assert.Equal(t, "fast", s.Value(c, "toy", "mode"), "as the word a stack file writes")
	assert.Equal(t, true, s.Value(c, "toy", "replica"))
	assert.Nil(t, s.Value(c, "toy", "nothing"))
}

func TestSettingsAndKeys(t *testing.T) {
	s := toySchema()
	assert.Equal(t, []string{"env", "flag", "items", "toy"}, s.TopLevelKeys())
	assert.Equal(t, []string{"t:env", "t:flag", "t:items", "t:toy.count", "t:toy.replica", "t:toy.name", "t:toy.mode", "t:toy.paths", "t:toy.limit"}, s.AllKeys())
	info := s.Settings()
	assert.Equal(t, reflect.TypeFor[bool](), info[1].Type)
	assert.Equal(t, reflect.TypeFor[string](), info[3].Type)
	assert.Equal(t, []string{"fast", "slow"}, info[3].Words)
	assert.Equal(t, reflect.TypeFor[[]string](), info[4].Type)
	keys, ok := s.SectionKeys("toy")
	assert.True(t, ok)
	assert.Len(t, keys, 6)
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"database", "database", 0}, {"databse", "database", 1},
		{"alarmEmail", "alarmEmails", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	} {
		assert.Equal(t, tc.want, editDistance(tc.a, tc.b), "%s → %s", tc.a, tc.b)
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"environment", "domain", "hostedZoneId", "alarmEmails", "protect", "network", "database", "cache"}
	for word, want := range map[string]string{
		"databse": "database", "alarmEmail": "alarmEmails", "Protect": "protect",
		"hostedZoneID": "hostedZoneId", "networks": "network", "cach": "cache", "hzi": "hostedZoneId",
	} {
		assert.Equal(t, want, Closest(word, keys), word)
	}
	assert.Equal(t, "availabilityZoneCount", Closest("azs", []string{"availabilityZoneCount", "cidrBlock", "flowLogs"}), "by initials")
}

func TestDocsRenderTheTables(t *testing.T) {
	d := Docs[root]{Schema: toySchema(), Columns: []Column[root]{{"small", base("small")}, {"big", base("big")}}, Guard: "big", Source: "toy.go", Command: "go generate"}
	readme := "intro\n"
	for _, b := range d.blocks() {
		readme += b.begin + "old\n" + b.end
	}
	out, err := d.Readme(readme)
	require.NoError(t, err)
	assert.Contains(t, out, "| `t:env` | string | required | The env. |")
	assert.Contains(t, out, "#### `t:toy` (`configschema.toyArgs`)")
	assert.Contains(t, out, "| `count` | `Count` | 3 | 5 | 1–5 | How many. |")
	assert.Contains(t, out, "| `limit` | `Inner.Limit` | 4 | 4 |  | The limit. |")
	assert.Contains(t, out, "| `mode` is `slow` | `replica` false, `count` 1 | refused, as it lowers availability or durability: write `replica: false` too to accept that, or set t:toy.mode to \"fast\" |")
	assert.NotContains(t, out, "old\n")
	_, err = d.Readme("no markers")
	assert.Error(t, err)

	yaml, err := d.PulumiYaml("config:\n  toy:\n    type: object\n    description: >-\n      old\n  env:\n    description: >-\n      old\n      text\n" +
		"  flag:\n    description: >-\n      x\n  items:\n    description: >-\n      x\n")
	require.NoError(t, err)
	assert.Contains(t, yaml, "  env:\n    description: >-\n      Required. The env.\n")
	assert.Contains(t, yaml, "Overrides of the toy baseline (small | big): count 3 | 5: how many (1–5); replica true:")
	assert.Contains(t, yaml, "paths []: paths")
	_, err = d.PulumiYaml("config:\n  env:\n    type: string\n")
	assert.Error(t, err, "no description to rewrite")

	// A key Pulumi.yaml does not declare yet (a new section) is added to its config block.
	yaml, err = d.PulumiYaml("name: x\nconfig:\n  env:\n    description: >-\n      old\n\nother: 1\n")
	require.NoError(t, err)
	assert.Contains(t, yaml, "  flag:\n    type: boolean\n    default: false\n    description: >-\n      A flag. Default false.\n")
	assert.Contains(t, yaml, "  items:\n    type: array\n    items:\n      type: string\n    default: []\n    description: >-\n")
	assert.Contains(t, yaml, "  toy:\n    type: object\n    default: {}\n    description: >-\n      Overrides of the toy baseline")
	assert.True(t, strings.HasSuffix(yaml, "\nother: 1\n"), yaml)
}

func TestWrapAndPlain(t *testing.T) {
	assert.Equal(t, []string{"  aa bb\n", "  cc\n"}, wrap("aa bb cc", "  ", 7))
	assert.Equal(t, "see Subnet layout and a-z", Plain("see [Subnet layout](#subnet-layout) and `a-z`"))
	assert.Equal(t, "2–3", Plain("2–3 ([Subnet layout](#x))"))
	assert.Equal(t, `starts with "/"`, quoted("starts with `/`"))
}
