# The app's own HTTP routes: not Zoom calls.
from flask import Flask

app = Flask(__name__)


@app.route("/users/<user_id>")
def show_user(user_id):
    return {"id": user_id}
