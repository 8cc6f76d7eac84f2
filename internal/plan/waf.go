package plan

import "fmt"

// WAF web ACLs (components/waf) and the KMS key of the alarm topic (components/alerts).
func init() {
	costRules["aws:wafv2/webAcl:WebAcl"] = wafWebACLCost
	keySettings["aws:wafv2/webAcl:WebAcl"] = []setting{{"name", "name"}, {"scope", "scope"}, {"defaultAction", "defaultAction"}}
	keySettings["aws:kms/key:Key"] = []setting{{"rotation", "enableKeyRotation"}}
}

// wafWebACLCost prices a web ACL and each of its rules per month (AWS WAF pricing: a managed rule
// group counts as one rule); its requests are usage, listed with their price.
func wafWebACLCost(c *costing, r *Resource) error {
	rules, _ := r.Get("rules")
	list, _ := rules.([]any)
	c.add(r, "web ACL", 1, PerMonth, c.prices.WAFWebACLMonth)
	if n := len(list); n > 0 {
		c.add(r, fmt.Sprintf("rules (%d, managed rule groups included)", n), float64(n), PerMonth, c.prices.WAFRuleMonth)
	}
	c.cost.UsageBased = append(c.cost.UsageBased, UsageBased{
		Component: c.plan.topComponent(r, c.comps), Resource: r.Name, Type: r.Type,
		Reason: fmt.Sprintf("requests inspected: $%.2f per million", c.prices.WAFMillionRequests),
	})
	return nil
}
