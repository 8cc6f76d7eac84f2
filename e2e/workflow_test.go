package e2e_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/tenkstack/tenk/e2e"
)

// The e2e workflow can dispatch every variant, and no other.
func TestWorkflowDispatchesEveryVariant(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", ".github", "workflows", "e2e.yml"))
	require.NoError(t, err)
	var wf struct {
		On struct {
			WorkflowDispatch struct {
				Inputs struct {
					Variant struct {
						Options []string `yaml:"options"`
						Default string   `yaml:"default"`
					} `yaml:"variant"`
				} `yaml:"inputs"`
			} `yaml:"workflow_dispatch"`
		} `yaml:"on"`
	}
	require.NoError(t, yaml.Unmarshal(data, &wf))
	v := wf.On.WorkflowDispatch.Inputs.Variant
	assert.ElementsMatch(t, e2e.VariantNames(), v.Options)
	assert.Equal(t, string(e2e.VariantDev), v.Default)
}
