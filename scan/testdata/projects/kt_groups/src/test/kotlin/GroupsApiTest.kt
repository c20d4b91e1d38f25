package acme.groups

class GroupsApiTest {
    fun readsChannels(api: GroupsApi) {
        api.call("groups/g1/channels")
    }
}
