package testkit

import (
	"fmt"
	"sort"
	"strings"
)

// Request is what IAM evaluates a policy against: an action on a resource, by a principal, with
// the request's context keys (for a web identity, "<issuer>:sub" and "<issuer>:aud").
type Request struct {
	// Action is "service:Operation", such as "sts:AssumeRoleWithWebIdentity".
	Action string
	// Resource is the ARN acted on; "" in a trust policy, which has no Resource element.
	Resource string
	// Principal is the caller as a trust policy names it, such as {"Federated": "<provider ARN>"};
	// nil for identity policies, which have no Principal element.
	Principal map[string]string
	// Context holds the condition keys of the request.
	Context map[string]string
}

// Decide evaluates statements as IAM does for one request: an explicit Deny wins, otherwise an
// Allow whose every condition holds, otherwise the implicit deny (IAM User Guide, "Policy
// evaluation logic"). It fails on a condition operator it does not know, so a test cannot pass
// by ignoring a condition.
func Decide(statements []PolicyStatement, r Request) (bool, error) {
	allowed := false
	for _, s := range statements {
		if !s.matches(r) {
			continue
		}
		ok, err := s.ConditionsHold(r.Context)
		if err != nil {
			return false, err
		}
		if !ok {
			continue
		}
		if s.Effect == "Deny" {
			return false, nil
		}
		allowed = allowed || s.Effect == "Allow"
	}
	return allowed, nil
}

// matches ignores conditions: the action, the resource (when the statement has one) and the
// principal (when both name one).
func (s PolicyStatement) matches(r Request) bool {
	action := anyMatch(Values(s.Action), strings.ToLower(r.Action), true)
	if s.NotAction != nil {
		action = !anyMatch(Values(s.NotAction), strings.ToLower(r.Action), true)
	}
	resource := true
	switch {
	case s.NotResource != nil:
		resource = !anyMatch(Values(s.NotResource), r.Resource, false)
	case s.Resource != nil:
		resource = anyMatch(Values(s.Resource), r.Resource, false)
	}
	return action && resource && s.principalMatches(r.Principal)
}

func (s PolicyStatement) principalMatches(p map[string]string) bool {
	if s.Principal == nil || p == nil {
		return s.Principal == nil
	}
	if s.Principal == "*" {
		return true
	}
	named, ok := s.Principal.(map[string]any)
	if !ok {
		return false
	}
	for kind, want := range p {
		if anyMatch(Values(named[kind]), want, false) {
			return true
		}
	}
	return false
}

// ConditionsHold reports whether every condition of the statement holds for the context keys.
// Supported operators: StringEquals, StringNotEquals, StringLike, StringNotLike (keys
// case-insensitive, values as written, IAM wildcards in the Like forms) and Bool; a key absent
// from the context fails a positive operator (IAM User Guide, "IAM JSON policy elements:
// Condition operators").
func (s PolicyStatement) ConditionsHold(context map[string]string) (bool, error) {
	ops := make([]string, 0, len(s.Condition))
	for op := range s.Condition {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		for key, want := range s.Condition[op] {
			got, present := lookupFold(context, key)
			values := Values(want)
			var ok bool
			switch op {
			case "StringEquals", "Bool":
				ok = present && containsString(values, got, false)
			case "StringNotEquals":
				ok = !present || !containsString(values, got, false)
			case "StringLike":
				ok = present && containsString(values, got, true)
			case "StringNotLike":
				ok = !present || !containsString(values, got, true)
			default:
				return false, fmt.Errorf("condition operator %s is not evaluated by testkit: add it to ConditionsHold", op)
			}
			if !ok {
				return false, nil
			}
		}
	}
	return true, nil
}

func lookupFold(context map[string]string, key string) (string, bool) {
	for k, v := range context {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

func containsString(values []string, got string, glob bool) bool {
	for _, v := range values {
		if (glob && GlobMatch(v, got)) || (!glob && v == got) {
			return true
		}
	}
	return false
}
