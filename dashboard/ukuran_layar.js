// Reports the browser window's size to the app (again after a resize), for the meeting screen's layout.
export default function ({ data, setStateValue }) {
  let tunda;
  const lapor = () => {
    const nilai = `${window.innerWidth}x${window.innerHeight}`;
    if (nilai !== data) setStateValue("ukuran", nilai);
  };
  const ubah = () => { clearTimeout(tunda); tunda = setTimeout(lapor, 300); };
  lapor();
  window.addEventListener("resize", ubah);
  return () => { window.removeEventListener("resize", ubah); clearTimeout(tunda); };
}
