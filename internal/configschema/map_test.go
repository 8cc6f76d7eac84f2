package configschema

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// A setting may be an object of plain values (an application's environment): decoded from a
// JSON object, type errors named, an empty object the same as unset, shown as {} in the docs.

type envRoot struct{ App envArgs }

type envArgs struct{ Environment map[string]string }

func envSchema() Schema[envRoot] {
	return Schema[envRoot]{
		Namespace: "t",
		Sections: []Section[envRoot]{{
			Name: "app", Args: "App", Summary: "application",
			Rows:     []Row{Setting("environment", "App.Environment", "", "Variables.")},
			Baseline: func(*envRoot) {},
			Parts: func(c envRoot) []Part {
				var l fielderr.List
				if _, ok := c.App.Environment["BAD"]; ok {
					l.Addf(fielderr.Key("Environment", "BAD"), "is reserved")
				}
				return []Part{{Path: "App", Effective: c.App, Err: l.Err()}}
			},
		}},
	}.Resolve()
}

func TestObjectSetting(t *testing.T) {
	s := envSchema()
	decode := func(raw string) (envRoot, error) {
		var l fielderr.List
		cfg, written := s.Decode(&l, map[string]string{"t:app": raw}, envRoot{})
		s.Check(&l, cfg, written)
		return cfg, l.Err()
	}
	cfg, err := decode(`{"environment": {"LOG_LEVEL": "info", "MODE": "a b"}}`)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"LOG_LEVEL": "info", "MODE": "a b"}, cfg.App.Environment)
	assert.Equal(t, map[string]string{"LOG_LEVEL": "info", "MODE": "a b"}, s.Value(cfg, "app", "environment"))

	_, err = decode(`{"environment": {"PORT": 80}}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `t:app.environment is {"PORT": 80}: it must be an object of strings`)

	_, err = decode(`{"environment": {"BAD": "x"}}`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `t:app.environment["BAD"] is reserved`, "the key keeps its selector")

	cfg, err = decode(`{"environment": {}}`)
	require.NoError(t, err, "an empty object is kept: it is what unset means")
	assert.Equal(t, map[string]string{}, s.Value(cfg, "app", "environment"))
	assert.Equal(t, map[string]string{}, s.Value(envRoot{}, "app", "environment"), "unset reads as {}")
	assert.Equal(t, "`{}`", markdownValue(s.Value(envRoot{}, "app", "environment")))
}
