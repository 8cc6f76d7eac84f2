package stacks

import "testing"

// effectiveSetting is the value a setting ends up with in its component's Args after the
// component's defaults, as a stack file writes it.
func effectiveSetting(_ *testing.T, cfg Config, section, key string) any {
	return schema.Value(cfg, section, key)
}
