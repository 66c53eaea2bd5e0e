/**
 * Reads a voucher QR code with the camera (or from a photo) using barcode-detector's ZXing WASM build.
 * The .wasm file is bundled with the app (Vite `?url` asset) — never fetched from a CDN — so scanning works offline.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Upload } from 'antd';
import { CameraOutlined, PictureOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;
function detector(): BarcodeDetector {
  if (!prepared) {
    prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path),
      },
    });
    prepared = true;
  }
  return new BarcodeDetector({ formats: ['qr_code'] });
}

export async function decodeImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const found = await detector().detect(bitmap);
  return found[0]?.rawValue ?? null;
}

export function QrScanner({ onResult }: { onResult: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!stream || !video.current) return;
    video.current.srcObject = stream;
    void video.current.play();
    const d = detector();
    let live = true;
    const tick = async () => {
      if (!live || !video.current) return;
      try {
        if (video.current.readyState >= 2) {
          const found = await d.detect(video.current);
          if (found[0]?.rawValue) {
            onResult(found[0].rawValue);
            stop();
            return;
          }
        }
      } catch {
        /* a frame that cannot be read: try the next one */
      }
      setTimeout(() => void tick(), 250);
    };
    void tick();
    return () => {
      live = false;
    };
  }, [stream]);

  const start = async () => {
    setError(null);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }));
    } catch {
      setError(t('error.CAMERA_DENIED'));
    }
  };
  const stop = () => {
    stream?.getTracks().forEach((tr) => tr.stop());
    setStream(null);
  };
  useEffect(() => () => stream?.getTracks().forEach((tr) => tr.stop()), [stream]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="warning" showIcon message={error} />}
      {stream && <video ref={video} muted playsInline style={{ width: '100%', maxWidth: 360, background: '#000', borderRadius: 8 }} />}
      <Space wrap>
        {stream ? (
          <Button icon={<StopOutlined />} onClick={stop}>
            {t('scan.stop')}
          </Button>
        ) : (
          <Button type="primary" icon={<CameraOutlined />} onClick={start} data-testid="scan-camera">
            {t('scan.camera')}
          </Button>
        )}
        <Upload
          accept="image/*"
          showUploadList={false}
          beforeUpload={(f) => {
            decodeImage(f).then(
              (text) => (text ? onResult(text) : setError(t('scan.notFound'))),
              () => setError(t('scan.notFound')),
            );
            return false;
          }}
        >
          <Button icon={<PictureOutlined />} data-testid="scan-image">
            {t('scan.image')}
          </Button>
        </Upload>
      </Space>
    </Space>
  );
}
