from django.http import JsonResponse
from django.shortcuts import render


def network(request):
    return render(request, "directory/network.html", {})


def network_data(request):
    return JsonResponse({"nodes": [], "edges": []})
