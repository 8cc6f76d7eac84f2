package testkit

import (
	"fmt"
	"sort"
)

// awsManagedPolicies are the AWS-managed policies tests can evaluate, by ARN: their documents as
// the AWS Managed Policy Reference Guide publishes them. An attachment of any other AWS-managed
// policy makes RoleStatements fail rather than guess.
var awsManagedPolicies = map[string]string{
	// AWS Managed Policy Reference Guide, "AdministratorAccess" (version v1).
	"arn:aws:iam::aws:policy/AdministratorAccess": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
	// AWS Managed Policy Reference Guide, "AmazonSSMManagedInstanceCore" (version v2).
	"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore": `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["ssm:DescribeAssociation","ssm:GetDeployablePatchSnapshotForInstance","ssm:GetDocument",
			"ssm:DescribeDocument","ssm:GetManifest","ssm:GetParameter","ssm:GetParameters","ssm:ListAssociations",
			"ssm:ListInstanceAssociations","ssm:PutInventory","ssm:PutComplianceItems","ssm:PutConfigurePackageResult",
			"ssm:UpdateAssociationStatus","ssm:UpdateInstanceAssociationStatus","ssm:UpdateInstanceInformation"],"Resource":"*"},
		{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel",
			"ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"},
		{"Effect":"Allow","Action":["ec2messages:AcknowledgeMessage","ec2messages:DeleteMessage","ec2messages:FailMessage",
			"ec2messages:GetEndpoint","ec2messages:GetMessages","ec2messages:SendReply"],"Resource":"*"}]}`,
}

// RoleStatements returns every identity-policy statement the role named role holds in run m:
// its inline policies (aws:iam/rolePolicy:RolePolicy and the role's own inlinePolicies), and the
// managed policies attached to it (RolePolicyAttachment, the role's managedPolicyArns), customer
// policies read from their registrations, AWS-managed ones from awsManagedPolicies. It fails on a
// policy it cannot read, so a grant cannot hide behind an unknown ARN.
func RoleStatements(m *Mocks, role string) ([]PolicyStatement, error) {
	customer := map[string]string{} // ARN under mocks → document
	for _, p := range m.ByType("aws:iam/policy:Policy") {
		customer[m.DefaultARN(p.Type, p.Name)] = p.String("policy")
	}
	var docs []string
	var arns []string
	for _, r := range m.ByType("aws:iam/role:Role") {
		if name, _ := roleName(m, r); name != role {
			continue
		}
		inline, _ := r.Get("inlinePolicies")
		list, _ := inline.([]any)
		for _, p := range list {
			if doc, _ := p.(map[string]any)["policy"].(string); doc != "" {
				docs = append(docs, doc)
			}
		}
		arns = append(arns, r.Strings("managedPolicyArns")...)
	}
	for _, p := range m.ByType("aws:iam/rolePolicy:RolePolicy") {
		if p.String("role") == role {
			docs = append(docs, p.String("policy"))
		}
	}
	for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
		if a.String("role") == role {
			arns = append(arns, a.String("policyArn"))
		}
	}
	sort.Strings(arns)
	for _, arn := range arns {
		doc, ok := customer[arn]
		if !ok {
			doc, ok = awsManagedPolicies[arn]
		}
		if !ok {
			return nil, fmt.Errorf("role %s: policy %s is neither registered in this run nor a known AWS-managed policy", role, arn)
		}
		docs = append(docs, doc)
	}
	var all []PolicyStatement
	for _, doc := range docs {
		list, err := ParsePolicy(doc)
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
	}
	return all, nil
}

// roleName is the name a role registration ends up with: its name input, or the auto-name the
// role stub computes.
func roleName(m *Mocks, r Resource) (string, bool) {
	if name := r.String("name"); name != "" {
		return name, true
	}
	if stub, ok := m.OutputStubs[r.Type]; ok {
		if v, ok := stub(r)["name"]; ok && v.IsString() {
			return v.StringValue(), true
		}
	}
	return r.Name, false
}
