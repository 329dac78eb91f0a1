data "ibm_sm_secret_group" "example" {
  instance_id     = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
  region          = "us-south"
  secret_group_id = ibm_sm_secret_group.example.secret_group_id
}

output "example_group_name" {
  value = data.ibm_sm_secret_group.example.name
}
