using System;
using Microsoft.Extensions.DependencyInjection;

namespace Scheduling;

public static class Startup
{
    public static void AddRemoteServices(IServiceCollection services)
    {
        services.AddHttpClient("meetings", http =>
        {
            http.BaseAddress = new Uri("https://api.zoom.us/v2/");
            http.Timeout = TimeSpan.FromSeconds(20);
        });
        services.AddHttpClient("crm", http => http.BaseAddress = new Uri("https://crm.example.com/api/"));
        services.AddSingleton<RoomBooker>();
    }
}
