package acme.groups

import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody

class GroupsApi(private val http: OkHttpClient) {
    private fun call(route: String, verb: String = "GET", body: RequestBody? = null): String {
        val request = Request.Builder().url(Endpoints.ZOOM + "/" + route).method(verb, body).build()
        return http.newCall(request).execute().body!!.string()
    }

    fun admins(groupId: String) = call("groups/$groupId/admins")

    fun lock(groupId: String, contact: Boolean, body: RequestBody): String {
        val kind = if (contact) "contacts/groups" else "groups"
        return call("$kind/$groupId", "PATCH", body)
    }

    fun removeAdmin(groupId: String, userId: String) = call("groups/$groupId/admins/$userId", verb = "DELETE")

    fun slackUsers(): String {
        val request = Request.Builder().url(Endpoints.SLACK + "/users/list").get().build()
        return http.newCall(request).execute().body!!.string()
    }
}
