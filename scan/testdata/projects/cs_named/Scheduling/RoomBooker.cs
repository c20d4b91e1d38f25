using System.Net.Http;
using System.Threading.Tasks;

namespace Scheduling;

// Books rooms on the video platform and mirrors hosts to the CRM.
public sealed class RoomBooker
{
    private readonly IHttpClientFactory _factory;

    public RoomBooker(IHttpClientFactory factory) => _factory = factory;

    public async Task<string> HostSettings(string hostId)
    {
        var video = _factory.CreateClient("meetings");
        var res = await video.GetAsync($"users/{hostId}/settings");
        return await res.Content.ReadAsStringAsync();
    }

    public async Task<string> Totals()
    {
        var video = _factory.CreateClient("meetings");
        var route = "users/summary";
        var res = await video.GetAsync(route);
        return await res.Content.ReadAsStringAsync();
    }

    public async Task MirrorHosts()
    {
        var crm = _factory.CreateClient("crm");
        await crm.GetAsync("users");
    }
}
