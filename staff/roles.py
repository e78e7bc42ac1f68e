"""The staff roles: groups created by staff/migrations/0001_editor_and_publisher_roles.py."""

EDITOR = "Editor"
PUBLISHER = "Publisher"

# The names `create_staff_user --role` takes, and the group each stands for.
ROLES = {"editor": EDITOR, "publisher": PUBLISHER}
