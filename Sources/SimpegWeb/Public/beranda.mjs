// Shows whether the gateway and simpegd serve, from GET /healthz.
const status = document.getElementById("status");

async function periksa() {
  try {
    const jawaban = await fetch("/healthz", { headers: { Accept: "application/json" } });
    const isi = await jawaban.json();
    if (jawaban.ok && isi.status === "SERVING") {
      status.textContent = "Layanan berjalan normal.";
      status.className = "baik";
    } else {
      status.textContent = "Layanan sedang terganggu. Silakan coba lagi beberapa saat lagi.";
      status.className = "gangguan";
    }
  } catch {
    status.textContent = "Server tidak dapat dihubungi.";
    status.className = "gangguan";
  }
}

periksa();
