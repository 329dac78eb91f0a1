resource "ibm_sm_secret_group" "example" {
  instance_id = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
  region      = "us-south"
  name        = "example-group"
  description = "Secrets of the example application."
}
