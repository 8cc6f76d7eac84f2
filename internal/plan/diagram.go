package plan

import (
	"fmt"
	"sort"
	"strings"
)

// diagramLabels are the types drawn as nodes, each with its label prefix and whether it holds
// data (drawn as a cylinder). Security groups are drawn as hexagons.
var diagramLabels = map[string]struct {
	prefix string
	store  bool
}{
	"awsx:ec2:Vpc":                                      {"VPC", false},
	"aws:lb/loadBalancer:LoadBalancer":                  {"ALB", false},
	"aws:autoscaling/group:Group":                       {"Auto Scaling group", false},
	"aws:ec2/instance:Instance":                         {"EC2", false},
	"aws:rds/instance:Instance":                         {"RDS", true},
	"aws:rds/cluster:Cluster":                           {"Aurora cluster", true},
	"aws:rds/clusterInstance:ClusterInstance":           {"Aurora instance", true},
	"aws:elasticache/replicationGroup:ReplicationGroup": {"ElastiCache", true},
	"aws:elasticache/cluster:Cluster":                   {"ElastiCache", true},
	"aws:dynamodb/table:Table":                          {"DynamoDB", true},
	"aws:s3/bucketV2:BucketV2":                          {"S3", true},
	"aws:s3/bucket:Bucket":                              {"S3", true},
	"aws:cloudfront/distribution:Distribution":          {"CloudFront", false},
	"aws:cloudfront/vpcOrigin:VpcOrigin":                {"VPC origin", false},
	securityGroupType:                                   {"SG", false},
}

const (
	securityGroupType = "aws:ec2/securityGroup:SecurityGroup"
	ingressRuleType   = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	legacyRuleType    = "aws:ec2/securityGroupRule:SecurityGroupRule"
)

// Diagram draws p as a Mermaid flowchart: one subgraph per component (nested as the components
// are), its key children as nodes, and an edge per security-group ingress rule from the peer (a
// security group, a CIDR or a prefix list) to the group it admits to, labelled with the ports.
// Dotted edges attach each security group to the resources that use it.
func Diagram(p *Plan) string {
	d := &diagram{ids: map[string]string{}, used: map[string]bool{}}
	var b strings.Builder
	b.WriteString("flowchart LR\n")

	drawn := map[string]bool{}
	for _, r := range p.Resources {
		if _, ok := diagramLabels[r.Type]; ok {
			drawn[r.URN] = true
		}
	}
	children := map[string][]string{} // component URN → sub-component URNs
	for _, c := range p.Components {
		children[c.Parent] = append(children[c.Parent], c.URN)
	}
	nodesOf := map[string][]*Resource{}
	for i := range p.Resources {
		r := &p.Resources[i]
		if drawn[r.URN] {
			nodesOf[r.Component] = append(nodesOf[r.Component], r)
		}
	}
	comps := p.componentByURN()
	// hasNodes: a component without a drawn resource (an SNS topic, SSM parameters) is left out.
	var hasNodes func(component string) bool
	hasNodes = func(component string) bool {
		if len(nodesOf[component]) > 0 {
			return true
		}
		for _, sub := range children[component] {
			if hasNodes(sub) {
				return true
			}
		}
		return false
	}
	var write func(component string, indent string)
	write = func(component string, indent string) {
		for _, r := range nodesOf[component] {
			fmt.Fprintf(&b, "%s%s\n", indent, d.node(p, r))
		}
		for _, sub := range children[component] {
			if !hasNodes(sub) {
				continue
			}
			c := comps[sub]
			fmt.Fprintf(&b, "%ssubgraph %s[%s]\n", indent, d.id("c", c.URN, c.Name), quote(shortType(c.Type)+" "+c.Name))
			write(sub, indent+"  ")
			fmt.Fprintf(&b, "%send\n", indent)
		}
	}
	write("", "  ")

	for _, e := range d.edges(p, drawn) {
		b.WriteString("  " + e + "\n")
	}
	return b.String()
}

// diagram keeps node IDs stable and unique.
type diagram struct {
	ids  map[string]string
	used map[string]bool
}

// id returns the Mermaid ID of key, made from name and unique within the diagram.
func (d *diagram) id(prefix, key, name string) string {
	if id, ok := d.ids[key]; ok {
		return id
	}
	base := prefix + "_" + sanitize(name)
	id := base
	for i := 2; d.used[id]; i++ {
		id = fmt.Sprintf("%s_%d", base, i)
	}
	d.ids[key], d.used[id] = id, true
	return id
}

// node declares a resource's node with its shape and label.
func (d *diagram) node(p *Plan, r *Resource) string {
	spec := diagramLabels[r.Type]
	label := spec.prefix + " " + r.Name
	if detail := nodeDetail(p, r); detail != "" {
		label += "<br/>" + detail
	}
	id := d.id("r", r.URN, r.Name)
	switch {
	case r.Type == securityGroupType:
		return id + "{{" + quote(label) + "}}"
	case spec.store:
		return id + "[(" + quote(label) + ")]"
	default:
		return id + "[" + quote(label) + "]"
	}
}

// nodeDetail is the one line of settings a node shows.
func nodeDetail(p *Plan, r *Resource) string {
	var parts []string
	add := func(format string, args ...any) {
		s := fmt.Sprintf(format, args...)
		if s != "" && !strings.Contains(s, "%!") {
			parts = append(parts, s)
		}
	}
	switch r.Type {
	case "awsx:ec2:Vpc":
		if azs := r.Strings("availabilityZoneNames"); len(azs) > 0 {
			add("%d AZs", len(azs))
		}
		if s := r.String("natGateways.strategy"); s != "" {
			add("NAT %s", s)
		}
	case "aws:lb/loadBalancer:LoadBalancer":
		if r.Bool("internal") {
			add("internal")
		} else {
			add("internet-facing")
		}
	case "aws:autoscaling/group:Group":
		typ := ""
		if lt := p.launchTemplateOf(r); lt != nil {
			typ = " " + lt.String("instanceType")
		}
		add("%s×%s (min %s, max %s)", num(r.Number("desiredCapacity")), typ, num(r.Number("minSize")), num(r.Number("maxSize")))
	case "aws:rds/instance:Instance":
		add("%s", r.String("instanceClass"))
		add("%s", r.String("engine"))
		if r.Has("replicateSourceDb") {
			add("read replica")
		}
		if r.Bool("multiAz") {
			add("Multi-AZ")
		}
		add("%s", r.String("availabilityZone"))
	case "aws:rds/cluster:Cluster":
		add("%s", r.String("engine"))
	case "aws:rds/clusterInstance:ClusterInstance":
		add("%s", r.String("instanceClass"))
		add("%s", r.String("availabilityZone"))
	case "aws:elasticache/replicationGroup:ReplicationGroup":
		n := r.Number("numCacheClusters")
		if shards := r.Number("numNodeGroups"); shards > 0 {
			n = shards * (1 + r.Number("replicasPerNodeGroup"))
		}
		add("%s× %s", num(n), r.String("nodeType"))
		add("%s", r.String("engine"))
		if r.Bool("multiAzEnabled") {
			add("Multi-AZ")
		}
	case "aws:elasticache/cluster:Cluster":
		add("%s× %s", num(r.Number("numCacheNodes")), r.String("nodeType"))
		add("%s", r.String("engine"))
	case "aws:dynamodb/table:Table":
		add("%s", r.String("billingMode"))
	case "aws:cloudfront/distribution:Distribution":
		add("%s", r.String("priceClass"))
	case "aws:cloudfront/vpcOrigin:VpcOrigin":
		add("%s", r.String("vpcOriginEndpointConfig.originProtocolPolicy"))
	}
	return strings.Join(parts, " · ")
}

// edges returns the ingress edges and the security-group attachments, sorted.
func (d *diagram) edges(p *Plan, drawn map[string]bool) []string {
	sgByID := map[string]*Resource{}
	for i := range p.Resources {
		if r := &p.Resources[i]; r.Type == securityGroupType && r.id != "" {
			sgByID[r.id] = r
		}
	}
	seen := map[string]bool{}
	var extra, out []string
	emit := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	// peer returns the node ID of a rule's source, declaring nodes for peers outside the plan.
	peer := func(kind, value string) string {
		if kind == "sg" {
			if sg := sgByID[value]; sg != nil {
				return d.id("r", sg.URN, sg.Name)
			}
		}
		key := kind + ":" + value
		if _, ok := d.ids[key]; !ok {
			label := map[string]string{"sg": "SG ", "cidr": "", "pl": "prefix list "}[kind] + value
			if value == "0.0.0.0/0" || value == "::/0" {
				label = "internet " + value
			}
			extra = append(extra, d.id(kind, key, value)+"(["+quote(label)+"])")
		}
		return d.ids[key]
	}
	for i := range p.Resources {
		target, ports, sources, ok := ingressRule(&p.Resources[i])
		if !ok {
			continue
		}
		to := peer("sg", target)
		for _, s := range sources {
			emit(fmt.Sprintf("%s -- %s --> %s", peer(s[0], s[1]), quote(ports), to))
		}
	}
	for _, edge := range d.attachments(p, drawn, sgByID) {
		emit(edge)
	}
	sort.Strings(extra)
	sort.Strings(out)
	return append(extra, out...)
}

// ingressRule reads an ingress rule (a vpc.SecurityGroupIngressRule, or a legacy ec2
// SecurityGroupRule of type ingress): the group it admits into, its ports, and its sources as
// (kind, value) pairs, kind "sg", "cidr" or "pl". ok is false for any other resource.
func ingressRule(r *Resource) (target, ports string, sources [][2]string, ok bool) {
	switch {
	case r.Type == ingressRuleType:
		target, ports = r.String("securityGroupId"), portLabel(r.String("ipProtocol"), r.Number("fromPort"), r.Number("toPort"))
		for _, src := range [][2]string{{"sg", "referencedSecurityGroupId"}, {"cidr", "cidrIpv4"}, {"cidr", "cidrIpv6"}, {"pl", "prefixListId"}} {
			if v := r.String(src[1]); v != "" {
				sources = append(sources, [2]string{src[0], v})
			}
		}
	case r.Type == legacyRuleType && r.String("type") == "ingress":
		target, ports = r.String("securityGroupId"), portLabel(r.String("protocol"), r.Number("fromPort"), r.Number("toPort"))
		if v := r.String("sourceSecurityGroupId"); v != "" {
			sources = append(sources, [2]string{"sg", v})
		}
		for _, v := range r.Strings("cidrBlocks") {
			sources = append(sources, [2]string{"cidr", v})
		}
		for _, v := range r.Strings("prefixListIds") {
			sources = append(sources, [2]string{"pl", v})
		}
	default:
		return "", "", nil, false
	}
	return target, ports, sources, true
}

// attachments are the dotted edges from a security group to each drawn resource (or its launch
// template) whose inputs name the group's ID.
func (d *diagram) attachments(p *Plan, drawn map[string]bool, sgByID map[string]*Resource) []string {
	var out []string
	for i := range p.Resources {
		r := &p.Resources[i]
		if !drawn[r.URN] || r.Type == securityGroupType {
			continue
		}
		refs := map[string]bool{}
		collectStrings(r.Inputs, refs)
		if r.Type == "aws:autoscaling/group:Group" {
			if lt := p.launchTemplateOf(r); lt != nil {
				collectStrings(lt.Inputs, refs)
			}
		}
		for id, sg := range sgByID {
			if refs[id] {
				out = append(out, fmt.Sprintf("%s -.- %s", d.id("r", sg.URN, sg.Name), d.id("r", r.URN, r.Name)))
			}
		}
	}
	return out
}

// collectStrings gathers every string value in an input tree.
func collectStrings(v any, into map[string]bool) {
	switch x := v.(type) {
	case string:
		into[x] = true
	case []any:
		for _, item := range x {
			collectStrings(item, into)
		}
	case map[string]any:
		for _, item := range x {
			collectStrings(item, into)
		}
	}
}

// portLabel renders a rule's protocol and ports: "tcp 443", "tcp 8080-8081", "all".
func portLabel(protocol string, from, to float64) string {
	if protocol == "-1" || protocol == "all" || protocol == "" {
		return "all traffic"
	}
	if from == to {
		return fmt.Sprintf("%s %s", protocol, num(from))
	}
	return fmt.Sprintf("%s %s-%s", protocol, num(from), num(to))
}

// sanitize keeps letters, digits and underscores, for Mermaid IDs.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// quote makes a Mermaid label string.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, "#quot;") + `"` }

// shortType returns the last part of a type token: "tenk:network:Network" → "Network",
// "pulumi:providers:aws" → "provider:aws".
func shortType(t string) string {
	if strings.HasPrefix(t, "pulumi:providers:") {
		return "provider:" + strings.TrimPrefix(t, "pulumi:providers:")
	}
	if i := strings.LastIndexAny(t, ":/"); i >= 0 {
		return t[i+1:]
	}
	return t
}
