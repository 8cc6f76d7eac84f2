// Package iampolicy builds IAM and bucket policy documents as Go values, so components assemble
// them from typed statements and tests parse them back with encoding/json.
package iampolicy

import "encoding/json"

// Document is an IAM policy document.
type Document struct {
	// Version is the policy language version, always "2012-10-17".
	Version string `json:"Version"`
	// Statement holds the policy's statements.
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a Document.
type Statement struct {
	// Sid names the statement; omitted when empty (trust policies often have none).
	Sid string `json:"Sid,omitempty"`
	// Effect is "Allow" or "Deny".
	Effect string `json:"Effect"`
	// Principal is "*" or a map such as {"Service": "cloudfront.amazonaws.com"}; nil (omitted) in
	// identity policies, which IAM rejects with a Principal.
	Principal any `json:"Principal,omitempty"`
	// Action is one action or a list.
	Action any `json:"Action"`
	// Resource is one ARN or a list; nil (omitted) in trust policies, whose resource is the role.
	Resource any `json:"Resource,omitempty"`
	// Condition maps an operator to keys and values; omitted when empty.
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// New returns a document of the current policy language version holding statements.
func New(statements ...Statement) Document {
	return Document{Version: "2012-10-17", Statement: statements}
}

// JSON renders the document.
func (d Document) JSON() (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

// DenyInsecureTransport refuses every request to a bucket and its objects that is not made over
// TLS (S3 User Guide, "Enforce encryption of data in transit": deny when aws:SecureTransport is
// false).
func DenyInsecureTransport(bucketArn string) Statement {
	return Statement{
		Sid:       "DenyInsecureTransport",
		Effect:    "Deny",
		Principal: "*",
		Action:    "s3:*",
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}},
	}
}

// MustJSON renders a document that holds only strings, lists and maps of them, which always
// marshal (a trust policy, a fixed identity policy); it panics on anything else.
func (d Document) MustJSON() string {
	text, err := d.JSON()
	if err != nil {
		panic("iampolicy: " + err.Error())
	}
	return text
}
