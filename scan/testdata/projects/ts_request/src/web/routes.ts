// The web app's own pages (not in a file about Zoom).
export const pages = [
  { path: "/users", component: "UserList" },
  { path: "/users/:id", component: "UserPage" },
];
