"""Goals, their milestones and the people who hold a role on them."""
