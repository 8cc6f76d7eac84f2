package testkit

import (
	"encoding/json"
	"fmt"
	"strings"
)

// PolicyStatement is one statement of an IAM policy document, as tests read it back.
type PolicyStatement struct {
	// Sid names the statement ("" when unnamed).
	Sid string
	// Effect is "Allow" or "Deny".
	Effect string
	// Action and NotAction hold one action or a list.
	Action, NotAction any
	// Resource and NotResource hold one ARN pattern or a list.
	Resource, NotResource any
	// Principal is set in resource and trust policies: "*" or {"Federated": …, "AWS": …}.
	Principal any
	// Condition is kept to tell conditional statements apart.
	Condition map[string]map[string]any
}

// ParsePolicy returns the statements of an IAM policy document.
func ParsePolicy(doc string) ([]PolicyStatement, error) {
	var parsed struct{ Statement json.RawMessage }
	if err := json.Unmarshal([]byte(doc), &parsed); err != nil {
		return nil, fmt.Errorf("policy %q: %w", doc, err)
	}
	var list []PolicyStatement
	if err := json.Unmarshal(parsed.Statement, &list); err != nil {
		// A single statement may be an object instead of a list.
		var one PolicyStatement
		if err2 := json.Unmarshal(parsed.Statement, &one); err2 != nil {
			return nil, fmt.Errorf("policy %q: %w", doc, err)
		}
		list = []PolicyStatement{one}
	}
	return list, nil
}

// Values returns a statement element (Action, Resource, …) as a list of strings.
func Values(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, item := range x {
			out = append(out, fmt.Sprint(item))
		}
		return out
	case []string:
		return x
	}
	return nil
}

// Allows reports whether the statement, on its own and ignoring conditions, covers action on
// resource the way IAM evaluates it: action names match case-insensitively and resources
// case-sensitively, "*" and "?" are wildcards in both (IAM User Guide, "IAM JSON policy
// elements: Action" and "Resource").
func (s PolicyStatement) Allows(action, resource string) bool {
	return s.Effect == "Allow" && s.covers(action, resource)
}

// Denies is Allows for a Deny statement.
func (s PolicyStatement) Denies(action, resource string) bool {
	return s.Effect == "Deny" && s.covers(action, resource)
}

func (s PolicyStatement) covers(action, resource string) bool {
	actionOK := anyMatch(Values(s.Action), strings.ToLower(action), true)
	if s.NotAction != nil {
		actionOK = !anyMatch(Values(s.NotAction), strings.ToLower(action), true)
	}
	resourceOK := anyMatch(Values(s.Resource), resource, false)
	if s.NotResource != nil {
		resourceOK = !anyMatch(Values(s.NotResource), resource, false)
	}
	return actionOK && resourceOK
}

func anyMatch(patterns []string, value string, fold bool) bool {
	for _, p := range patterns {
		if fold {
			p = strings.ToLower(p)
		}
		if GlobMatch(p, value) {
			return true
		}
	}
	return false
}

// GlobMatch matches value against an IAM pattern where "*" is any run of characters (slashes
// included) and "?" any one character.
func GlobMatch(pattern, value string) bool {
	if pattern == "" {
		return value == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(value); i++ {
			if GlobMatch(pattern[1:], value[i:]) {
				return true
			}
		}
		return false
	case '?':
		return value != "" && GlobMatch(pattern[1:], value[1:])
	default:
		return value != "" && value[0] == pattern[0] && GlobMatch(pattern[1:], value[1:])
	}
}
