"""A workspace's settings (`/alinea settings`, App Home's Settings button): its collaboration channel, time zone,
language, reminder time and notification defaults, stored per workspace (the environment gives a new workspace's
defaults), and the digest's and the pulse's day and time, changed through their own features."""
