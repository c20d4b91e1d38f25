using System.Net.Http;
using System.Threading.Tasks;

namespace Directory;

public class ZoomDirectory
{
    private readonly HttpClient _http;
    private readonly string _root = Settings.ZoomBase;
    private string _pending = "";

    public ZoomDirectory(HttpClient http)
    {
        _http = http;
    }

    public Task<HttpResponseMessage> Call(string route, string method = "GET", HttpContent body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"{_root}/{route.TrimStart('/')}") { Content = body };
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> Me() => Call("users/me");

    public Task<HttpResponseMessage> Password(string userId, HttpContent body) => Call($"users/{userId}/password", "PUT", body);

    public Task<HttpResponseMessage> Schedulers(string userId, bool all)
    {
        var route = all ? "schedulers" : "assistants";
        return Call($"users/{userId}/{route}", "DELETE");
    }

    public void Prepare(string userId)
    {
        _pending = $"{_root}/users/{userId}/token";
    }

    public async Task Revoke()
    {
        await _http.DeleteAsync(_pending);
    }

    public Task<HttpResponseMessage> Charge(string customer)
    {
        return _http.PostAsync(Settings.StripeBase + "/customers/" + customer, null);
    }
}
